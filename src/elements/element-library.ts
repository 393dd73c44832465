import { randomUUID } from "node:crypto";
import type { Keyv } from "keyv";
import { hasJobRecords, type JobRecords } from "../store/job-records.js";

/** Who may use a saved element: the member who saved it, or everyone on the server. */
export type ElementScope = "me" | "server";

/** One saved image: its facts as inspected when it was saved; its bytes are kept under `imageKey(id)`. */
export interface SavedImage {
  id: string;
  bytes: number;
  contentType: string;
  fileName: string;
  width: number;
  height: number;
  /** the copy on fal storage a job last used, and when it was uploaded */
  fal?: { url: string; uploadedAt: number };
}

export interface SavedElement {
  id: string;
  /** lower case; unique per scope (per member for `me`, per server for `server`) */
  name: string;
  scope: ElementScope;
  ownerId: string;
  ownerName: string;
  createdAt: number;
  front: SavedImage;
  /** 0–3 more views (fal's reference_image_urls) */
  references: SavedImage[];
}

/** A server's library: one record, saved by compare-and-set. */
interface LibraryRecord {
  elements: SavedElement[];
  version?: number;
}

export const elementImages = (element: SavedElement): SavedImage[] => [element.front, ...element.references];
export const elementBytes = (element: SavedElement): number =>
  elementImages(element).reduce((sum, image) => sum + image.bytes, 0);

/** A member can see (and use) their own elements and the server's. */
export const visibleTo = (elements: readonly SavedElement[], userId: string): SavedElement[] =>
  elements.filter((e) => e.scope === "server" || e.ownerId === userId);

/** The element a member means by a name: their own first, then the server's. */
export const findByName = (elements: readonly SavedElement[], userId: string, name: string): SavedElement | undefined =>
  elements.find((e) => e.scope === "me" && e.ownerId === userId && e.name === name) ??
  elements.find((e) => e.scope === "server" && e.name === name);

const sameScope = (a: Pick<SavedElement, "scope" | "ownerId">, b: Pick<SavedElement, "scope" | "ownerId">) =>
  a.scope === b.scope && (a.scope === "server" || a.ownerId === b.ownerId);

/** How many times a change is tried again when another writer saved the library first. */
const CAS_ATTEMPTS = 8;

const imageKey = (id: string) => `element-image:${id}`;

/**
 * Saved elements, per server, in the store named by STORE_URL. The list is one record per server written with the
 * store's own compare-and-set (the primitive job records use, under its own namespace), so two members saving at
 * once never lose each other's element and a name stays unique per scope. Image bytes are kept under their own keys
 * (base64, ≤ 10 MB each, bounded by the server's library size), written before the record names them and deleted
 * after it stops naming them: a crash in between leaves at most unreferenced bytes, never a record without bytes.
 */
export class ElementLibrary {
  private readonly records: JobRecords;

  constructor(private readonly keyv: Keyv) {
    const adapter = keyv.store as unknown;
    if (!hasJobRecords(adapter) || !keyv.namespace)
      throw new Error("the element library needs a store opened by openStore (with a namespace)");
    this.records = adapter.jobRecords(`${keyv.namespace}-elements`);
  }

  async list(guildId: string): Promise<SavedElement[]> {
    return (await this.read(guildId)).elements;
  }

  /** Stores the bytes, then the element, if `check` (given the library as it is) finds nothing wrong. */
  async add<P>(
    guildId: string,
    element: Omit<SavedElement, "id" | "front" | "references">,
    images: { image: Omit<SavedImage, "id">; data: Uint8Array }[],
    check: (elements: SavedElement[]) => P | undefined,
  ): Promise<{ ok: true; element: SavedElement } | { ok: false; problem: P }> {
    const saved = images.map(({ image }) => ({ ...image, id: randomUUID() }));
    const full: SavedElement = { ...element, id: randomUUID(), front: saved[0]!, references: saved.slice(1) };
    await Promise.all(
      images.map(({ data }, i) => this.keyv.set(imageKey(saved[i]!.id), Buffer.from(data).toString("base64"))),
    );
    try {
      const outcome = await this.change<P>(guildId, (elements) => {
        const problem = check(elements);
        return problem !== undefined ? { problem } : { elements: [...elements, full] };
      });
      if ("problem" in outcome) {
        await this.deleteImages(saved);
        return { ok: false, problem: outcome.problem };
      }
      return { ok: true, element: full };
    } catch (error) {
      await this.deleteImages(saved).catch(() => undefined);
      throw error;
    }
  }

  /** Renames unless the scope already has the name; `undefined` when the element is gone. */
  async rename(guildId: string, elementId: string, name: string): Promise<{ problem?: string } | undefined> {
    let found = false;
    const outcome = await this.change(guildId, (elements) => {
      const element = elements.find((e) => e.id === elementId);
      found = Boolean(element);
      if (!element) return { problem: "gone" };
      if (elements.some((e) => e.id !== elementId && e.name === name && sameScope(e, element)))
        return { problem: "taken" };
      return { elements: elements.map((e) => (e.id === elementId ? { ...e, name } : e)) };
    });
    if (!found) return undefined;
    return "problem" in outcome ? { problem: outcome.problem } : {};
  }

  /** Deletes the element and then its bytes; false when it was already gone. */
  async remove(guildId: string, elementId: string): Promise<boolean> {
    let removed: SavedElement | undefined;
    await this.change(guildId, (elements) => {
      removed = elements.find((e) => e.id === elementId);
      return removed ? { elements: elements.filter((e) => e.id !== elementId) } : { problem: "gone" };
    });
    if (!removed) return false;
    await this.deleteImages(elementImages(removed));
    return true;
  }

  /** A saved image's bytes (undefined when they are gone). */
  async imageData(imageId: string): Promise<Buffer | undefined> {
    const stored: unknown = await this.keyv.get(imageKey(imageId));
    return typeof stored === "string" ? Buffer.from(stored, "base64") : undefined;
  }

  /** Remembers the fal storage copy of an image (best effort: a lost race only costs a later re-upload). */
  async recordFalCopy(guildId: string, imageId: string, fal: { url: string; uploadedAt: number }): Promise<void> {
    const withCopy = (image: SavedImage) => (image.id === imageId ? { ...image, fal } : image);
    await this.change(guildId, (elements) => ({
      elements: elements.map((e) => ({ ...e, front: withCopy(e.front), references: e.references.map(withCopy) })),
    }));
  }

  private async deleteImages(images: readonly Pick<SavedImage, "id">[]): Promise<void> {
    await Promise.all(images.map((image) => this.keyv.delete(imageKey(image.id))));
  }

  private async read(guildId: string): Promise<LibraryRecord> {
    const raw = await this.records.read(guildId);
    if (raw === undefined) return { elements: [] };
    const data = (await this.keyv.deserialize!(raw)) as { value?: LibraryRecord } | undefined;
    const value = data?.value;
    return value && Array.isArray(value.elements)
      ? { elements: value.elements, version: value.version ?? 0 }
      : { elements: [] };
  }

  /** Read, decide, compare-and-set; decided again on the newer record when another writer saved first. */
  private async change<P = string>(
    guildId: string,
    decide: (elements: SavedElement[]) => { elements: SavedElement[] } | { problem: P },
  ): Promise<{ elements: SavedElement[] } | { problem: P }> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(guildId);
      const decided = decide(current.elements);
      if ("problem" in decided) return decided;
      const expected = current.version ?? null;
      const value: LibraryRecord = { elements: decided.elements, version: (expected ?? 0) + 1 };
      const raw = (await this.keyv.serialize!({ value })) as string;
      if (await this.records.write({ id: guildId, expected, raw, unfinished: false, expiresAt: null })) return decided;
      if (attempt >= CAS_ATTEMPTS) throw new Error(`the element library of ${guildId} kept changing under this write`);
    }
  }
}
