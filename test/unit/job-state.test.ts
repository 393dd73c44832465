import { describe, expect, it } from "vitest";
import { IllegalTransitionError, transition, type Job } from "../../src/job.js";

const job = (state: Job["state"]): Job =>
  ({ id: "j", state, createdAt: 0, updatedAt: 0, attempts: { submit: 0, status: 0, deliver: 0 } }) as unknown as Job;

describe("job state machine", () => {
  it("walks the happy path and stamps times", () => {
    let j = transition(job("checking"), "submitted", 10);
    j = transition(j, "queued", 20);
    j = transition(j, "running", 30);
    j = transition(j, "delivering", 40);
    j = transition(j, "delivered", 50);
    expect(j).toMatchObject({ state: "delivered", submittedAt: 10, runningAt: 30, finishedAt: 50, updatedAt: 50 });
  });

  it("lets fal put a running job back in its queue", () => {
    expect(transition(job("running"), "queued", 5).state).toBe("queued");
  });

  it("refuses illegal transitions", () => {
    expect(() => transition(job("delivered"), "running", 1)).toThrow(IllegalTransitionError);
    expect(() => transition(job("checking"), "delivered", 1)).toThrow(IllegalTransitionError);
    expect(() => transition(job("delivering"), "cancelled", 1)).toThrow(IllegalTransitionError);
    expect(() => transition(job("queued"), "checking", 1)).toThrow(IllegalTransitionError);
    expect(() => transition(job("failed"), "failed", 1)).toThrow(IllegalTransitionError);
  });
});
