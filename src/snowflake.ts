/** A Discord id (snowflake) as text: digits only, with loose length bounds (ids grow over time). A leaf: no imports. */
export const SNOWFLAKE = /^\d{5,25}$/;

export const isSnowflake = (value: unknown): value is string => typeof value === "string" && SNOWFLAKE.test(value);
