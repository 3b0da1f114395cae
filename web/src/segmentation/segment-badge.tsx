import { Badge } from "@mantine/core";
import { useSegmentLabel } from "./segment-labels";

export function SegmentBadge({ segment, size }: { segment: string | null; size?: "xs" | "sm" | "md" }) {
  const label = useSegmentLabel();
  if (!segment) return <span>—</span>;
  return (
    <Badge
      variant="outline"
      color="indigo"
      size={size}
      tt="none"
      styles={{ label: { overflow: "visible" } }}
      data-testid="segment-badge"
    >
      {label(segment)}
    </Badge>
  );
}
