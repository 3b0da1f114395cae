import { Stack, Tabs, Text, Title } from "@mantine/core";
import {
  IconActivity,
  IconAdjustments,
  IconArrowsExchange,
  IconClipboardText,
  IconMail,
  IconRoute,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { EventsSettingsTab } from "../events/events-settings-tab";
import { HearingTemplatesSection } from "../hearing-sheets/hearing-templates-section";
import { MailSettingsTab } from "../mail/mail-settings-tab";
import { SegmentRulesSection } from "../segmentation/segment-rules-section";
import { TouchModelPolicySection } from "../touch-models/touch-model-policy-section";
import { ApiTokensSection } from "./api-tokens-section";
import { type SettingsTab, settingsTabs } from "./settings-tabs";
import { WorkspaceSettingsSection } from "./workspace-settings-section";

const route = getRouteApi("/app/settings");
const icons: Record<SettingsTab, typeof IconAdjustments> = {
  general: IconAdjustments,
  segments: IconRoute,
  touchModels: IconArrowsExchange,
  hearing: IconClipboardText,
  events: IconActivity,
  mail: IconMail,
};

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const tab: SettingsTab = settingsTabs.find((k) => k === search.tab) ?? "general";
  const navigate = route.useNavigate();
  const manager = canManageWorkspace(me);
  return (
    <Stack gap="lg" maw={tab === "general" ? 960 : 1200} mx="auto">
      <div>
        <Title order={1} size="h2">
          {t("settings.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("settings.subtitle", { workspace: me.workspace.name })}
        </Text>
      </div>
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(v) =>
          void navigate({ search: v && v !== "general" ? { tab: v as SettingsTab } : {}, replace: true })
        }
      >
        <Tabs.List mb="lg" style={{ flexWrap: "nowrap", overflowX: "auto", overflowY: "hidden" }}>
          {settingsTabs.map((key) => {
            const Icon = icons[key];
            return (
              <Tabs.Tab
                key={key}
                value={key}
                leftSection={<Icon size={16} />}
                data-testid={`settings-tab-${key}`}
                style={{ whiteSpace: "nowrap" }}
              >
                {key === "events"
                  ? t("events.tab")
                  : key === "mail"
                    ? t("mail.tab")
                    : t(`settings.tabs.${key}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="general">
          <Stack gap="lg">
            <WorkspaceSettingsSection editable={manager} />
            {me.role === "admin" && <ApiTokensSection />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="segments">
          <SegmentRulesSection editable={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="touchModels">
          <TouchModelPolicySection editable={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="hearing">
          <HearingTemplatesSection editable={manager} />
        </Tabs.Panel>
        <Tabs.Panel value="events">
          <EventsSettingsTab />
        </Tabs.Panel>
        <Tabs.Panel value="mail">
          <MailSettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
