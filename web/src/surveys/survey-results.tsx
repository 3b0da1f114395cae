// A survey's results: NPS or CSAT with its counts, the score distribution, response rate, custom questions.

import { BarChart } from "@mantine/charts";
import { Card, Group, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { scoreColor } from "./survey-labels";
import { type Survey, surveyResultsQuery } from "./surveys-api";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 1000) / 10}%`);

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function SurveyResultsView({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const text = useLocalizedText();
  const results = useQuery(surveyResultsQuery(survey.id));
  const r = results.data;
  if (!r) return null;
  const rate = r.responseRate;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {r.nps && (
          <Stat
            testId="survey-nps-score"
            label={t("surveys.results.nps")}
            value={r.nps.value === null ? "—" : f.number(r.nps.value)}
            hint={t("surveys.results.npsCounts", r.nps)}
          />
        )}
        {r.csat && (
          <>
            <Stat
              testId="survey-csat-share"
              label={t("surveys.results.csatShare")}
              value={pct(r.csat.value)}
              hint={t("surveys.results.csatCounts", r.csat)}
            />
            <Stat
              label={t("surveys.results.csatMean")}
              value={r.csat.mean === null ? "—" : r.csat.mean.toFixed(2)}
            />
          </>
        )}
        <Stat label={t("surveys.results.responses")} value={f.number(r.responses)} />
        <Stat
          label={t("surveys.results.responseRate")}
          value={pct(rate)}
          hint={t("surveys.results.rateHint", {
            answered: r.answeredSends,
            sends: r.sends,
            opened: r.opened,
          })}
        />
      </SimpleGrid>
      {r.nps && r.nps.n > 0 && (
        <Card withBorder radius="md" padding="md">
          <Text size="sm" fw={600} mb="xs">
            {t("surveys.results.bands")}
          </Text>
          <Progress.Root size={22}>
            {(["detractors", "passives", "promoters"] as const).map((k) => (
              <Progress.Section
                key={k}
                value={(100 * r.nps![k]) / r.nps!.n}
                color={k === "detractors" ? "red" : k === "passives" ? "yellow" : "teal"}
              >
                <Progress.Label>{r.nps![k]}</Progress.Label>
              </Progress.Section>
            ))}
          </Progress.Root>
          <Group gap="md" mt={6}>
            {(["detractors", "passives", "promoters"] as const).map((k) => (
              <Text key={k} size="xs" c="dimmed">
                {t(`surveys.results.${k}`)}: {r.nps![k]}
              </Text>
            ))}
          </Group>
        </Card>
      )}
      {r.distribution.length > 0 && (
        <Card withBorder radius="md" padding="md" data-testid="survey-distribution">
          <Title order={3} size="h5" mb="sm">
            {t("surveys.results.distribution")}
          </Title>
          <BarChart
            h={220}
            data={r.distribution.map((d) => ({
              score: String(d.score),
              count: d.count,
              color: `${scoreColor(r.kind, d.score)}.6`,
            }))}
            dataKey="score"
            series={[{ name: "count", label: t("surveys.results.count") }]}
            getBarColor={(_v, d) => (d as unknown as { color: string }).color}
            withTooltip
            yAxisProps={{ allowDecimals: false }}
            tickLine="y"
          />
        </Card>
      )}
      {survey.questions.map((q) => {
        const qr = r.questions.find((x) => x.id === q.id);
        if (!qr) return null;
        const max = Math.max(1, ...qr.counts.map((c) => c.count));
        return (
          <Card key={q.id} withBorder radius="md" padding="md">
            <Text size="sm" fw={600}>
              {text(q.text)}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t("surveys.results.answered", { count: qr.answered })}
              {qr.mean !== null && ` · ${t("surveys.results.mean", { mean: qr.mean.toFixed(2) })}`}
            </Text>
            <Stack gap={4}>
              {qr.counts.map((c) => (
                <Group key={c.value} gap="xs" wrap="nowrap">
                  <Text size="xs" w={140} truncate>
                    {q.type === "choice" ? text(q.options?.find((o) => o.value === c.value)?.label) : c.value}
                  </Text>
                  <Progress value={(100 * c.count) / max} style={{ flex: 1 }} />
                  <Text size="xs" w={30} ta="right">
                    {c.count}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
