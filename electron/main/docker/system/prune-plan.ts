// What the daemon's image prune (`POST /images/prune`, moby daemon/images/image_prune.go) will do, predicted from
// `GET /images/json?all=1` and the images containers still use once the container prune ran:
// - dangling only: images with no child and no tag go (digest-only references count as no tag);
// - all: every image but intermediate ones (no reference, children) is a candidate, deleted reference by
//   reference: while a container uses it, all but its last reference are untagged and the image stays;
// - a deleted image takes along its parent chain while a parent has no reference and no other child;
// - an image with a child that stays is only untagged (the daemon ignores that conflict once untagged).

/** One image as `/images/json?all=1` lists it. */
export interface PlannedImage {
  id: string;
  parentId: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

export interface ImagePrunePlan {
  /** Image ids the prune deletes. */
  deleted: string[];
  /** References (familiar form) it removes from images that stay. */
  untagged: string[];
}

const NONE = new Set(['<none>:<none>', '<none>@<none>']);

function referencesOf(image: PlannedImage): { tags: string[]; refs: string[] } {
  const tags = image.repoTags.filter((tag) => !NONE.has(tag));
  const digests = image.repoDigests.filter((digest) => !NONE.has(digest));
  return { tags, refs: [...tags, ...digests] };
}

/** The reference store's order (lexical on the fully qualified name): the daemon untags in this order. */
function qualified(reference: string): string {
  const slash = reference.indexOf('/');
  const first = slash === -1 ? '' : reference.slice(0, slash);
  if (slash === -1) return `docker.io/library/${reference}`;
  if (first !== 'localhost' && !first.includes('.') && !first.includes(':')) return `docker.io/${reference}`;
  return reference;
}

export function planImagePrune(
  images: readonly PlannedImage[],
  usedByContainers: ReadonlySet<string>,
  allImages: boolean,
): ImagePrunePlan {
  const byId = new Map(images.map((image) => [image.id, image]));
  const children = new Map<string, Set<string>>();
  for (const image of images) {
    if (image.parentId === '') continue;
    const set = children.get(image.parentId) ?? new Set<string>();
    set.add(image.id);
    children.set(image.parentId, set);
  }
  const refs = new Map(images.map((image) => [image.id, referencesOf(image).refs]));
  const deleted = new Set<string>();
  const untagged: string[] = [];
  const liveChildren = (id: string) => [...(children.get(id) ?? [])].filter((child) => !deleted.has(child));

  /** Deletes an image and its now-dangling parents, as ImageDelete with prune=true does. */
  const remove = (id: string): void => {
    deleted.add(id);
    let parent = byId.get(id)?.parentId ?? '';
    while (parent !== '' && byId.has(parent)) {
      if (
        (refs.get(parent) ?? []).length > 0 ||
        liveChildren(parent).length > 0 ||
        usedByContainers.has(parent)
      )
        break;
      deleted.add(parent);
      parent = byId.get(parent)?.parentId ?? '';
    }
  };

  // A fixed point stands in for the daemon's random map order: each pass can free what an earlier one blocked.
  for (let changed = true; changed;) {
    changed = false;
    for (const image of images) {
      if (deleted.has(image.id)) continue;
      const current = refs.get(image.id) ?? [];
      const { tags } = referencesOf(image);
      const hasChildren = liveChildren(image.id).length > 0;
      if (current.length === 0 && hasChildren) continue;
      if (!allImages && (hasChildren || tags.some((tag) => current.includes(tag)))) continue;
      if (current.length > 0) {
        const ordered = [...current].sort((a, b) => (qualified(a) < qualified(b) ? -1 : 1));
        // Used by a container: the last reference is refused, the others are untagged.
        const removable = usedByContainers.has(image.id) ? ordered.slice(0, -1) : ordered;
        if (removable.length === 0) continue;
        untagged.push(...removable);
        refs.set(
          image.id,
          current.filter((ref) => !removable.includes(ref)),
        );
        changed = true;
        if (usedByContainers.has(image.id) || hasChildren) continue;
        remove(image.id);
      } else if (!usedByContainers.has(image.id)) {
        remove(image.id);
        changed = true;
      }
    }
  }
  // Untagged references of deleted images are part of their deletion; list only what stays as untagged.
  const stays = new Set(
    images.filter((image) => !deleted.has(image.id)).flatMap((image) => referencesOf(image).refs),
  );
  return {
    deleted: images.filter((image) => deleted.has(image.id)).map((image) => image.id),
    untagged: untagged.filter((ref) => stays.has(ref)),
  };
}

/** What was previewed against what the daemon reports removed: both directions, in words. */
export function pruneDifferences(
  what: string,
  previewed: readonly string[],
  removed: readonly string[],
): string[] {
  const expected = new Set(previewed);
  const actual = new Set(removed);
  const extra = [...actual].filter((item) => !expected.has(item));
  const missing = [...expected].filter((item) => !actual.has(item));
  return [
    ...(extra.length > 0 ? [`${what} removed that the preview did not list: ${extra.join(', ')}`] : []),
    ...(missing.length > 0 ? [`${what} in the preview that were not removed: ${missing.join(', ')}`] : []),
  ];
}
