import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { ApiTokensSection } from "./api-tokens-section";
import { WorkspaceSettingsSection } from "./workspace-settings-section";
import { WriteKeySection } from "./write-key-section";

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="lg" maw={960} mx="auto">
      <div>
        <Title order={1} size="h2">
          {t("settings.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("settings.subtitle", { workspace: me.workspace.name })}
        </Text>
      </div>
      <WorkspaceSettingsSection editable={canManageWorkspace(me)} />
      {canManageWorkspace(me) && <WriteKeySection />}
      {me.role === "admin" && <ApiTokensSection />}
    </Stack>
  );
}
