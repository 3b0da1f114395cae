import { Alert, List, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconUserOff, IconUserQuestion } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { TeamWarning } from "./team-api";

const pct = (share: number) => Math.round(share * 100);

/** The 属人化 warnings in words: concentration one by one, missing backups together. */
export function TeamWarnings({ warnings }: { warnings: TeamWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0)
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="team-no-warnings">
        {t("team.noWarnings")}
      </Alert>
    );
  const noBackup = warnings.filter((w) => w.code === "no_backup");
  return (
    <Stack gap="xs" data-testid="team-warnings">
      {warnings.map((w) =>
        w.code === "high_touch_concentration" ? (
          <Alert
            key={`${w.code}-${w.userId}`}
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={t("team.warnings.concentrationTitle")}
            data-testid="team-warning"
            data-code={w.code}
          >
            {t("team.warnings.concentration", {
              name: w.name,
              share: pct(w.share),
              limit: pct(w.limit),
              count: w.highTouch,
            })}
          </Alert>
        ) : w.code === "unassigned_accounts" ? (
          <Alert
            key={w.code}
            color="orange"
            variant="light"
            icon={<IconUserQuestion size={18} />}
            title={t("team.warnings.unassignedTitle")}
            data-testid="team-warning"
            data-code={w.code}
          >
            {t("team.warnings.unassigned", { count: w.accounts })}
          </Alert>
        ) : null,
      )}
      {noBackup.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconUserOff size={18} />}
          title={t("team.warnings.noBackupTitle")}
          data-testid="team-warning"
          data-code="no_backup"
        >
          <Text size="sm" mb={6}>
            {t("team.warnings.noBackupIntro")}
          </Text>
          <List size="sm" spacing={2} style={{ columns: "14rem auto" }}>
            {noBackup.map((w) =>
              w.code === "no_backup" ? (
                <List.Item key={w.userId} data-testid="team-no-backup">
                  {t("team.warnings.noBackupLine", { name: w.name, count: w.accounts })}
                </List.Item>
              ) : null,
            )}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
