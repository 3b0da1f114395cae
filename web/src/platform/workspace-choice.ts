// The workspace the user picked in the header menu, remembered across visits.
const KEY = "embark.workspace";

export function getChosenWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setChosenWorkspace(slug: string | null): void {
  try {
    if (slug) localStorage.setItem(KEY, slug);
    else localStorage.removeItem(KEY);
  } catch {
    // storage can be disabled (private mode); the choice then lasts for the page only
  }
}
