import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowRight, IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { pickLabel, useSegmentLabel } from "./segment-labels";
import type { ChangeSummary, SegmentRuleSet } from "./segmentation-api";

function Delta({ before, after }: { before: number; after: number }) {
  const f = useFormatters();
  const d = after - before;
  return (
    <Text size="sm" span style={{ whiteSpace: "nowrap" }}>
      {f.number(before)} → <b>{f.number(after)}</b>
      {d !== 0 && (
        <Text span size="xs" c={d > 0 ? "red.7" : "teal.7"} ml={4}>
          ({d > 0 ? "+" : ""}
          {f.number(d)})
        </Text>
      )}
    </Text>
  );
}

/** What the candidate rules would do: moves between segments and touch models, and each CSM's load. */
export function SegmentPreview({
  summary,
  warnings,
  candidate,
  saved,
}: {
  summary: ChangeSummary;
  warnings?: string[];
  candidate: SegmentRuleSet;
  saved?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const known = useSegmentLabel();
  const label = (key: string | null) => {
    if (!key) return t("rules.unclassified");
    const def = candidate.segments?.find((s) => s.key === key);
    return def ? pickLabel(def.label, i18n.resolvedLanguage ?? "ja") || key : known(key);
  };
  const segments = summary.segments.map((s) => s.segment);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="segment-preview">
      <Title order={3} size="h4" mb={4}>
        {saved ? t("rules.savedTitle") : t("rules.previewTitle")}
      </Title>
      <Text size="sm" mb="md" data-testid="segment-preview-summary">
        {t("rules.previewSummary", {
          total: f.number(summary.total),
          segments: f.number(summary.segmentChanges),
          models: f.number(summary.touchModelChanges),
        })}
      </Text>
      {warnings && warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
          <Stack gap={2}>
            {warnings.map((w) => (
              <Text size="sm" key={w}>
                {w}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="md">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("rules.segmentMoves")}
          </Text>
          {summary.segmentMoves.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("rules.noMoves")}
            </Text>
          ) : (
            <Table verticalSpacing={6} data-testid="segment-moves">
              <Table.Tbody>
                {summary.segmentMoves.map((m) => (
                  <Table.Tr key={`${m.from}-${m.to}`} data-testid="segment-move">
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="outline" tt="none">
                          {label(m.from)}
                        </Badge>
                        <IconArrowRight size={14} />
                        <Badge variant="outline" tt="none">
                          {label(m.to)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {t("rules.accountsCount", { count: m.count, formatted: f.number(m.count) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("rules.touchModelMoves")}
          </Text>
          {summary.touchModelMoves.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("rules.noMoves")}
            </Text>
          ) : (
            <Table verticalSpacing={6} data-testid="touch-model-moves">
              <Table.Tbody>
                {summary.touchModelMoves.map((m) => (
                  <Table.Tr key={`${m.from}-${m.to}`}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <TouchModelBadge model={m.from} />
                        <IconArrowRight size={14} />
                        <TouchModelBadge model={m.to} />
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {t("rules.accountsCount", { count: m.count, formatted: f.number(m.count) })}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </SimpleGrid>
      <Text fw={600} size="sm" mb="xs">
        {t("rules.loadPerCsm")}
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing={6} data-testid="segment-preview-owners">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("team.csm")}</Table.Th>
              {segments.map((s) => (
                <Table.Th key={s} style={{ whiteSpace: "nowrap" }}>
                  {label(s)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={600}>
              <Table.Td>{t("rules.allAccounts")}</Table.Td>
              {summary.segments.map((s) => (
                <Table.Td key={s.segment}>
                  <Delta before={s.before} after={s.after} />
                </Table.Td>
              ))}
            </Table.Tr>
            {summary.owners.map((o) => (
              <Table.Tr key={o.ownerId ?? "none"} data-testid="segment-preview-owner">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{o.ownerName ?? t("account.noOwner")}</Table.Td>
                {segments.map((s) => (
                  <Table.Td key={s}>
                    <Delta before={o.before.segments[s] ?? 0} after={o.after.segments[s] ?? 0} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
