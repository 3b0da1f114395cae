// Who a sequence is for: its touch models and segments as badges.
import { Badge, Group } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useSegmentLabel } from "../segmentation/segment-labels";

export function TargetBadges({ touchModels, segments }: { touchModels: string[]; segments: string[] }) {
  const { t } = useTranslation();
  const segmentLabel = useSegmentLabel();
  return (
    <Group gap={4}>
      {touchModels.length === 0 ? (
        <Badge size="sm" variant="light" color="gray" tt="none">
          {t("informationEmails.anyTouchModel")}
        </Badge>
      ) : (
        touchModels.map((m) => <TouchModelBadge key={m} model={m} size="sm" />)
      )}
      {segments.map((s) => (
        <Badge key={s} size="sm" variant="outline" color="gray" tt="none">
          {segmentLabel(s)}
        </Badge>
      ))}
    </Group>
  );
}
