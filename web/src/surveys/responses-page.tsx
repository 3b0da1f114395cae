// Answers with their comments next to the number, filtered by score band, segment, touch model and period.

import { Badge, Card, Group, Pagination, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconMessage } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { touchModels } from "../platform/types";
import { useSegmentLabel, useSegmentOptions } from "../segmentation/segment-labels";
import { bandColors, scoreColor } from "./survey-labels";
import {
  type Band,
  type ResponseFilters,
  responsesQuery,
  type SurveyResponse,
  surveysQuery,
} from "./surveys-api";

const route = getRouteApi("/app/surveys/responses");
const PAGE_SIZE = 50;
const bands: Band[] = ["detractor", "passive", "promoter", "low", "neutral", "high"];

const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type ResponsesSearch = Omit<ResponseFilters, "pageSize">;

export function parseResponsesSearch(raw: Record<string, unknown>): ResponsesSearch {
  const s = (k: string) => (typeof raw[k] === "string" && raw[k] ? (raw[k] as string) : undefined);
  const band = s("band");
  const page = Number(raw.page);
  return {
    surveyId: s("surveyId"),
    band: band && (bands as string[]).includes(band) ? (band as Band) : undefined,
    segment: s("segment"),
    touchModel: s("touchModel"),
    from: s("from"),
    to: s("to"),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
}

export function ResponsesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/surveys/responses" });
  const segmentOptions = useSegmentOptions();
  const text = useLocalizedText();
  const surveys = useQuery(surveysQuery(true));
  // The period's end day is included: the API's `to` is exclusive.
  const list = useQuery(
    responsesQuery({ ...search, to: search.to ? dayAfter(search.to) : undefined, pageSize: PAGE_SIZE }),
  );
  const set = (patch: Partial<ResponsesSearch>) =>
    void navigate({ search: (prev: ResponsesSearch) => ({ ...prev, ...patch, page: undefined }) });
  const summary = list.data?.summary;
  const page = search.page ?? 1;

  return (
    <Stack gap="md" maw={1200} mx="auto">
      <div>
        <AnchorLink to="/surveys" size="sm">
          ← {t("surveys.title")}
        </AnchorLink>
        <Title order={1} size="h2">
          {t("surveys.responses.title")}
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t("surveys.responses.subtitle")}
        </Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t("surveys.responses.survey")}
          placeholder={t("surveys.responses.allSurveys")}
          data={(surveys.data?.items ?? []).map((s) => ({ value: s.id, label: text(s.title) }))}
          value={search.surveyId ?? null}
          onChange={(v) => set({ surveyId: v ?? undefined })}
          clearable
          w={240}
          data-testid="responses-survey-filter"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t("surveys.responses.band")}
          placeholder={t("surveys.responses.allBands")}
          data={[
            {
              group: "NPS",
              items: bands.slice(0, 3).map((b) => ({ value: b, label: t(`surveys.bands.${b}`) })),
            },
            {
              group: "CSAT",
              items: bands.slice(3).map((b) => ({ value: b, label: t(`surveys.bands.${b}`) })),
            },
          ]}
          value={search.band ?? null}
          onChange={(v) => set({ band: (v as Band) ?? undefined })}
          clearable
          w={200}
          data-testid="responses-band-filter"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t("surveys.responses.segment")}
          placeholder={t("surveys.responses.all")}
          data={segmentOptions}
          value={search.segment ?? null}
          onChange={(v) => set({ segment: v ?? undefined })}
          clearable
          w={180}
          data-testid="responses-segment-filter"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t("surveys.responses.touchModel")}
          placeholder={t("surveys.responses.all")}
          data={touchModels.map((m) => ({ value: m, label: t(`touchModels.${m}`) }))}
          value={search.touchModel ?? null}
          onChange={(v) => set({ touchModel: v ?? undefined })}
          clearable
          w={180}
          data-testid="responses-touch-filter"
          comboboxProps={{ withinPortal: true }}
        />
        <DatePickerInput
          type="range"
          label={t("surveys.responses.period")}
          placeholder={t("surveys.responses.anyTime")}
          value={[search.from ?? null, search.to ?? null]}
          onChange={([from, to]) => set({ from: from ?? undefined, to: to ?? undefined })}
          clearable
          w={260}
          valueFormat="YYYY-MM-DD"
          data-testid="responses-period-filter"
        />
      </Group>

      {summary && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Card withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed" fw={600}>
              NPS
            </Text>
            <Text fw={700} size="lg" data-testid="responses-nps">
              {summary.nps.value ?? "—"}
            </Text>
            <Text size="xs" c="dimmed">
              {t("surveys.results.npsCounts", summary.nps)}
            </Text>
          </Card>
          <Card withBorder radius="md" padding="sm">
            <Text size="xs" c="dimmed" fw={600}>
              CSAT
            </Text>
            <Text fw={700} size="lg" data-testid="responses-csat">
              {summary.csat.value === null ? "—" : `${Math.round(summary.csat.value * 1000) / 10}%`}
            </Text>
            <Text size="xs" c="dimmed">
              {t("surveys.results.csatCounts", summary.csat)}
              {summary.csat.mean !== null &&
                ` · ${t("surveys.results.mean", { mean: summary.csat.mean.toFixed(2) })}`}
            </Text>
          </Card>
        </SimpleGrid>
      )}

      <Text size="sm" c="dimmed" data-testid="responses-total">
        {t("surveys.responses.total", { count: list.data?.total ?? 0 })}
      </Text>
      {list.data && list.data.items.length === 0 ? (
        <Card withBorder radius="md" padding="xl" data-testid="responses-empty">
          <Text fw={600}>{t("surveys.responses.empty")}</Text>
        </Card>
      ) : (
        <Stack gap="xs" data-testid="responses-list">
          {list.data?.items.map((r) => (
            <ResponseRow key={r.id} response={r} />
          ))}
        </Stack>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Group justify="center">
          <Pagination
            total={Math.ceil(list.data.total / PAGE_SIZE)}
            value={page}
            onChange={(p) =>
              void navigate({ search: (prev: ResponsesSearch) => ({ ...prev, page: p > 1 ? p : undefined }) })
            }
          />
        </Group>
      )}
    </Stack>
  );
}

function ResponseRow({ response: r }: { response: SurveyResponse }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const text = useLocalizedText();
  const segmentLabel = useSegmentLabel();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="response-row" data-band={r.band ?? ""}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} align="center" w={64} style={{ flexShrink: 0 }}>
          <Text size="xs" c="dimmed" fw={600}>
            {r.kind === "custom" ? "—" : r.kind.toUpperCase()}
          </Text>
          <Badge
            size="xl"
            radius="sm"
            variant="filled"
            color={r.score === null ? "gray" : scoreColor(r.kind, r.score)}
            data-testid="response-score"
          >
            {r.score ?? "—"}
          </Badge>
        </Stack>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <AnchorLink
              to="/accounts/$accountId"
              params={{ accountId: r.accountId }}
              fw={600}
              data-testid="response-account"
            >
              {r.accountName}
            </AnchorLink>
            {r.band && (
              <Badge size="sm" variant="light" color={bandColors[r.band]} tt="none">
                {t(`surveys.bands.${r.band}`)}
              </Badge>
            )}
            {r.segment && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                {segmentLabel(r.segment)}
              </Badge>
            )}
            {r.touchModel && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                {t(`touchModels.${r.touchModel}`)}
              </Badge>
            )}
            {r.followedUp && (
              <Badge size="sm" variant="light" color="orange" tt="none">
                {t("surveys.responses.followedUp")}
              </Badge>
            )}
          </Group>
          {r.comment ? (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconMessage
                size={16}
                style={{ flexShrink: 0, marginTop: 3 }}
                color="var(--mantine-color-dimmed)"
              />
              <Text
                size="sm"
                style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
                data-testid="response-comment"
              >
                {r.comment}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              {t("surveys.responses.noComment")}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {[
              f.dateTime(r.answeredAt),
              r.contactName ?? r.contactEmail,
              r.surveyTitle ? text(r.surveyTitle) : t("surveys.responses.imported"),
              t(`surveys.sources.${r.source}`),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
