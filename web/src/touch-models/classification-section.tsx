import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBulb, IconRoute } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { describeConditions } from "../segmentation/describe-condition";
import { SegmentBadge } from "../segmentation/segment-badge";
import { useSegmentLabel } from "../segmentation/segment-labels";
import {
  type Classification,
  classificationQuery,
  segmentRulesQuery,
} from "../segmentation/segmentation-api";
import { TouchModelHistory } from "./touch-model-history";
import { TouchModelOverrideForm } from "./touch-model-override-form";

export function ClassificationSection({ accountId, editable }: { accountId: string; editable: boolean }) {
  const { t } = useTranslation();
  const classification = useQuery(classificationQuery(accountId));
  const c = classification.data;
  if (!c) return <Skeleton height={360} radius="md" />;
  const model = c.touchModel.effective;
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg" data-testid="classification-why">
        <Group gap="sm" mb="md" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" size={36} radius="xl">
            <IconBulb size={20} />
          </ThemeIcon>
          <Title order={2} size="h4" data-testid="classification-question">
            {model
              ? t("classification.why", { model: t(`touchModels.${model}`) })
              : t("classification.notClassified")}
          </Title>
        </Group>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <SegmentReason c={c} />
          <TouchModelReason c={c} />
        </SimpleGrid>
      </Card>
      {editable && <TouchModelOverrideForm accountId={accountId} classification={c} />}
      <TouchModelHistory accountId={accountId} />
    </Stack>
  );
}

function Reason({
  step,
  title,
  children,
}: {
  step: number;
  title: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="md" bg="gray.0">
      <Group gap={8} mb={6}>
        <Badge circle size="lg" variant="filled">
          {step}
        </Badge>
        {title}
      </Group>
      <Stack gap={4}>{children}</Stack>
    </Card>
  );
}

function SegmentReason({ c }: { c: Classification }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const rules = useQuery(segmentRulesQuery);
  const label = useSegmentLabel();
  const s = c.segment;
  const sameVersion = rules.data?.version === s.rulesVersion;
  const rule = s.rule !== null && sameVersion ? rules.data?.definition.rules[s.rule - 1] : undefined;
  return (
    <Reason
      step={1}
      title={
        <Group gap={6}>
          <Text fw={600} size="sm">
            {t("classification.segment")}
          </Text>
          <SegmentBadge segment={s.key} />
        </Group>
      }
    >
      <Text size="sm" data-testid="classification-segment-reason">
        {s.rule === null
          ? t("classification.segmentFallback", { segment: label(s.key) })
          : rule
            ? t("classification.segmentRule", {
                n: s.rule,
                conditions: describeConditions(rule.conditions, t, lang),
                segment: label(s.key),
              })
            : s.explanation}
      </Text>
      <Text size="xs" c="dimmed">
        {s.rulesVersion === 0
          ? t("classification.defaultRules")
          : t("classification.rulesVersion", { version: s.rulesVersion })}
      </Text>
    </Reason>
  );
}

function TouchModelReason({ c }: { c: Classification }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const label = useSegmentLabel();
  const tm = c.touchModel;
  const latest = c.history.find((h) =>
    tm.source === "override" ? h.source === "override" || h.source === "import" : h.source === tm.source,
  );
  let text: string;
  if (tm.source === "override")
    text =
      latest?.source === "override"
        ? t("classification.byOverride", {
            name: latest.actor?.name ?? t("classification.apiToken"),
            date: f.dateTime(latest.changedAt),
            reason: latest.reason,
          })
        : latest?.source === "import"
          ? t("classification.byImport", { date: f.dateTime(latest.changedAt) })
          : t("classification.overridden");
  else if (tm.source === "signal")
    text = t("classification.bySignal", { reason: latest?.reason ?? tm.explanation });
  else if (tm.source === "rule")
    text = t("classification.byPolicy", {
      segment: label(c.segment.key),
      model: t(`touchModels.${tm.policyModel}`),
    });
  else text = t("classification.notClassified");
  return (
    <Reason
      step={2}
      title={
        <Group gap={6}>
          <Text fw={600} size="sm">
            {t("classification.touchModel")}
          </Text>
          <TouchModelBadge model={tm.effective} overridden={tm.source === "override"} />
          {tm.source && (
            <Badge size="xs" variant="outline" color="gray" tt="none">
              {t(`classification.sources.${tm.source}`)}
            </Badge>
          )}
        </Group>
      }
    >
      <Text size="sm" data-testid="classification-touch-reason">
        {text}
      </Text>
      {tm.source !== "rule" && tm.policyModel && (
        <Group gap={4}>
          <IconRoute size={14} color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed">
            {t("classification.policyWouldGive", {
              segment: label(c.segment.key),
              model: t(`touchModels.${tm.policyModel}`),
            })}
          </Text>
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {tm.policyVersion === 0
          ? t("classification.defaultPolicy")
          : t("classification.policyVersion", { version: tm.policyVersion })}
      </Text>
    </Reason>
  );
}
