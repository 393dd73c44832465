import { ApiError, ValidationError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { describeFalError } from "../../src/fal/errors.js";

describe("describeFalError", () => {
  it("names the input and fal's reason for a 422", () => {
    const error = new ValidationError({
      message: "Unprocessable",
      status: 422,
      body: { detail: [{ loc: ["body", "elements", 1, "frontal_image_url"], msg: "Image too small", type: "value_error" }] },
    });
    const failure = describeFalError(error, "submit");
    expect(failure.kind).toBe("validation");
    expect(failure.memberMessage).toContain("element 2");
    expect(failure.memberMessage).toContain("Image too small");
  });

  it("quotes the model's reason when the result fails", () => {
    const failure = describeFalError(new ApiError({ message: "x", status: 500, body: { detail: "Face not detected" } }), "result");
    expect(failure.kind).toBe("model");
    expect(failure.memberMessage).toContain("Face not detected");
  });

  it("calls an auth failure a misconfiguration and keeps details out of the message", () => {
    const failure = describeFalError(new ApiError({ message: "x", status: 401, body: { detail: "Invalid key abc123" } }), "submit");
    expect(failure.kind).toBe("auth");
    expect(failure.memberMessage).toContain("misconfigured");
    expect(failure.memberMessage).not.toContain("abc123");
  });
});
