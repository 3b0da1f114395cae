import { Button, Card, Code, CopyButton, Group, Skeleton, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconBrandNodejs, IconBrowser, IconCheck, IconCopy, IconTerminal2 } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { writeKeyQuery } from "../settings/settings-api";
import { browserSnippet, curlSnippet, nodeSnippet, type SnippetText } from "./install-snippets";

const kinds = [
  { key: "node", icon: IconBrandNodejs, build: nodeSnippet },
  { key: "browser", icon: IconBrowser, build: browserSnippet },
  { key: "http", icon: IconTerminal2, build: curlSnippet },
] as const;

/** Install code for the customer's developers, filled with this Embark's URL and the write key. */
export function InstallSnippetCard() {
  const { t } = useTranslation();
  const writeKey = useQuery(writeKeyQuery);
  const [kind, setKind] = useState<string | null>("node");
  const text: SnippetText = {
    user: t("events.install.exampleUser"),
    group: t("events.install.exampleGroup"),
    company: t("events.install.exampleCompany"),
    event: t("events.install.exampleEvent"),
    install: (pkg) => t("events.install.commentInstall", { pkg }),
    groupComment: t("events.install.commentGroup"),
    trackComment: t("events.install.commentTrack"),
    flushComment: t("events.install.commentFlush"),
    settingsComment: t("events.install.commentSettings"),
  };
  const origin = window.location.origin;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="events-install">
      <Title order={2} size="h4">
        {t("events.install.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t("events.install.description")}
      </Text>
      {writeKey.data ? (
        <Tabs value={kind} onChange={setKind} variant="outline">
          <Tabs.List>
            {kinds.map(({ key, icon: Icon }) => (
              <Tabs.Tab
                key={key}
                value={key}
                leftSection={<Icon size={16} />}
                data-testid={`install-tab-${key}`}
              >
                {t(`events.install.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {kinds.map(({ key, build }) => {
            const code = build(origin, writeKey.data.writeKey, text);
            return (
              <Tabs.Panel key={key} value={key} pt="sm">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                    <Text size="sm">{t(`events.install.${key}Hint`)}</Text>
                    <CopyButton value={code}>
                      {({ copied, copy }) => (
                        <Button
                          size="compact-sm"
                          variant="light"
                          color={copied ? "teal" : undefined}
                          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                          onClick={copy}
                          style={{ flexShrink: 0 }}
                          data-testid={`install-copy-${key}`}
                        >
                          {copied ? t("common.copied") : t("events.install.copy")}
                        </Button>
                      )}
                    </CopyButton>
                  </Group>
                  <Code
                    block
                    data-testid={`install-code-${key}`}
                    style={{ fontSize: "var(--mantine-font-size-xs)", overflowX: "auto" }}
                  >
                    {code}
                  </Code>
                  <Text size="xs" c="dimmed">
                    {t("events.install.groupNote")}
                  </Text>
                </Stack>
              </Tabs.Panel>
            );
          })}
        </Tabs>
      ) : (
        <Skeleton height={220} />
      )}
    </Card>
  );
}
