// Run as a separate process by the store tests: opens STORE_URL, prints what the store holds, disconnects and
// then simply ends — it never calls process.exit, so a handle left open by the store makes it hang (and fail).
import { openStore } from "../../src/store/open-store.js";
import { JobStore } from "../../src/jobs/job-store.js";

const [url, optionsJson, id] = process.argv.slice(2);
if (!url || !optionsJson || !id) throw new Error("usage: read-store.ts <store-url> <options-json> <job-id>");
const keyv = await openStore(url, JSON.parse(optionsJson));
const store = new JobStore(keyv);
const all: string[] = [];
for await (const job of store.all()) all.push(job.id);
const unfinished = (await store.unfinished()).map((job) => job.id);
const job = await store.get(id);
await keyv.disconnect();
process.stdout.write(JSON.stringify({ all: all.sort(), unfinished: unfinished.sort(), job }));
