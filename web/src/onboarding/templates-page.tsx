// The onboarding templates (playbooks) per touch model and segment; managers create one from a copy.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconCopy, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { touchModelColors } from "../accounts/account-badges";
import { canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { touchModels } from "../platform/types";
import { useSegmentLabel } from "../segmentation/segment-labels";
import { templatesQuery } from "./onboarding-api";

export function OnboardingTemplatesPage() {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const navigate = useNavigate();
  const segmentLabel = useSegmentLabel();
  const templates = useQuery(templatesQuery);
  const manager = canManageWorkspace(me);
  const items = templates.data?.items ?? [];
  const copyFrom = (id: string) =>
    void navigate({ href: `/onboarding/templates/new?from=${encodeURIComponent(id)}` });

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Anchor component={Link} to="/onboarding" size="sm" c="dimmed" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("onboarding.overview.title")}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t("onboarding.templates.title")}
          </Title>
          <Text c="dimmed" size="sm">
            {manager ? t("onboarding.templates.subtitle") : t("onboarding.templates.readOnly")}
          </Text>
        </div>
        {manager && items.length > 0 && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button leftSection={<IconPlus size={16} />} data-testid="template-new">
                {t("onboarding.templates.new")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t("onboarding.templates.copyFrom")}</Menu.Label>
              {items.map((tpl) => (
                <Menu.Item key={tpl.id} leftSection={<IconCopy size={14} />} onClick={() => copyFrom(tpl.id)}>
                  {tpl.name}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {!templates.data ? (
        <Skeleton height={300} radius="md" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {touchModels.map((model) => {
            const mine = items.filter((tpl) => tpl.touchModel === model);
            return (
              <Card
                key={model}
                withBorder
                radius="md"
                padding="lg"
                data-testid="templates-model"
                data-model={model}
                style={{ borderTop: `4px solid var(--mantine-color-${touchModelColors[model]}-6)` }}
              >
                <Title order={2} size="h4" mb="xs">
                  {t(`touchModels.${model}`)}
                </Title>
                {mine.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("onboarding.templates.noneForModel")}
                  </Text>
                ) : (
                  <Stack gap="xs">
                    {mine.map((tpl) => (
                      <Group key={tpl.id} justify="space-between" wrap="nowrap" data-testid="template-row">
                        <div style={{ minWidth: 0 }}>
                          <AnchorLink
                            to="/onboarding/templates/$templateId"
                            params={{ templateId: tpl.id }}
                            fw={600}
                            size="sm"
                            data-testid="template-link"
                          >
                            {tpl.name}
                          </AnchorLink>
                          <Group gap={6}>
                            <Badge size="xs" variant="light" color="gray" tt="none">
                              {tpl.segment
                                ? segmentLabel(tpl.segment)
                                : t("onboarding.templates.allSegments")}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              {t("onboarding.templates.taskCount", { count: tpl.taskCount })} ·{" "}
                              {t("onboarding.templates.updated", { date: f.date(tpl.updatedAt) })}
                            </Text>
                          </Group>
                        </div>
                        {manager && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            leftSection={<IconCopy size={12} />}
                            onClick={() => copyFrom(tpl.id)}
                          >
                            {t("onboarding.templates.copy")}
                          </Button>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )}
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
