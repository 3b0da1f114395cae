// The search box's text, written to the URL once the user stops typing.
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";

export function useDebouncedSearch(urlValue: string, commit: (value: string) => void, delay = 300) {
  const [value, setValue] = useState(urlValue);
  const [debounced] = useDebouncedValue(value, delay);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const urlRef = useRef(urlValue);

  // The URL changed from elsewhere (back button, a link, "clear filters"): show it.
  useEffect(() => {
    if (urlRef.current !== urlValue) {
      urlRef.current = urlValue;
      setValue(urlValue);
    }
  }, [urlValue]);

  useEffect(() => {
    const next = debounced.trim();
    if (next !== urlRef.current) {
      urlRef.current = next;
      commitRef.current(next);
    }
  }, [debounced]);

  return [value, setValue] as const;
}
