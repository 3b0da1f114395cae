// The plan as a timeline (Gantt-like): one bar per task over the days, grouped by stage, with the
// dependencies as arrows, meetings as diamonds, today's line and the target date.
import { Box, Group, Paper, Text, Tooltip } from "@mantine/core";
import { useElementSize, useMediaQuery } from "@mantine/hooks";
import { Fragment, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { toZonedDay, useFormatters, useWorkspaceTimeZone } from "../platform/format";
import { type Plan, stages, type Task } from "./onboarding-api";
import { addDays, daysBetween, stageColors, useLocalize, useToday } from "./onboarding-labels";

const ROW = 30;
const STAGE_ROW = 28;
const HEADER = 44;

type Row =
  | { type: "stage"; stage: string; y: number }
  | { type: "task"; task: Task; y: number }
  | { type: "meetings"; y: number };

function barColor(task: Task): string {
  if (task.status === "done") return "var(--mantine-color-teal-5)";
  if (task.status === "skipped") return "var(--mantine-color-gray-4)";
  if (task.overdue) return "var(--mantine-color-red-6)";
  if (task.status === "in_progress") return "var(--mantine-color-blue-6)";
  return task.side === "customer" ? "var(--mantine-color-orange-4)" : "var(--mantine-color-indigo-4)";
}

export function PlanGantt({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const localize = useLocalize();
  const today = useToday();
  const tz = useWorkspaceTimeZone();
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const { ref, width } = useElementSize();
  const labelWidth = isPhone ? 132 : 260;

  const startDay = toZonedDay(plan.startedAt, tz) ?? today;
  const days0 = [startDay, today, ...plan.tasks.map((x) => x.startsOn)];
  const days1 = [today, ...plan.tasks.map((x) => x.dueOn), ...(plan.targetDate ? [plan.targetDate] : [])];
  const meetingDays = plan.meetings.map((m) => ({ m, day: toZonedDay(m.scheduledAt, tz) ?? today }));
  const first = addDays([...days0].sort()[0] ?? today, -2);
  const last = addDays([...days1, ...meetingDays.map((x) => x.day)].sort().at(-1) ?? today, 3);
  const days = Math.max(7, daysBetween(first, last) + 1);
  const available = Math.max(0, width - labelWidth);
  const dw = Math.max(isPhone ? 10 : 8, Math.min(40, available / days || 14));
  const trackWidth = days * dw;
  const x = (day: string) => daysBetween(first, day) * dw;

  // When the plan is wider than the screen, open it with today in view.
  const scroller = useRef<HTMLDivElement>(null);
  const todayX = daysBetween(first, today) * dw;
  useEffect(() => {
    const el = scroller.current;
    if (!el || available <= 0 || trackWidth <= available) return;
    el.scrollLeft = Math.max(0, todayX - available * 0.6);
  }, [available, trackWidth, todayX]);

  const rows: Row[] = [];
  let y = 0;
  if (plan.meetings.length > 0) {
    rows.push({ type: "meetings", y });
    y += ROW;
  }
  for (const stage of stages) {
    const tasks = plan.tasks
      .filter((task) => task.stage === stage)
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.position - b.position);
    if (tasks.length === 0) continue;
    rows.push({ type: "stage", stage, y });
    y += STAGE_ROW;
    for (const task of tasks) {
      rows.push({ type: "task", task, y });
      y += ROW;
    }
  }
  const height = y;
  const rowOf = new Map(rows.flatMap((r) => (r.type === "task" ? [[r.task.id, r] as const] : [])));

  // Day ticks: every day when there is room, else Mondays.
  const locale = i18n.resolvedLanguage === "en" ? "en" : "ja";
  const monthFmt = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short" });
  const ticks = Array.from({ length: days }, (_, i) => addDays(first, i));
  const showEveryDay = dw >= 22;

  const arrows = plan.tasks.flatMap((task) =>
    task.dependsOn.flatMap((depId) => {
      const from = rowOf.get(depId);
      const to = rowOf.get(task.id);
      if (from?.type !== "task" || to?.type !== "task") return [];
      const x1 = x(from.task.dueOn) + dw;
      const y1 = from.y + ROW / 2;
      const x2 = x(task.startsOn);
      const y2 = to.y + ROW / 2;
      const mid = Math.max(x1 + 6, Math.min(x2 - 6, x1 + 10));
      return [{ key: `${depId}-${task.id}`, d: `M${x1},${y1} H${mid} V${y2} H${x2 - 2}` }];
    }),
  );

  return (
    <Paper withBorder radius="md" p={0} data-testid="plan-gantt" ref={ref} style={{ overflow: "hidden" }}>
      <Box ref={scroller} style={{ overflowX: "auto" }}>
        <Box style={{ width: labelWidth + trackWidth, position: "relative" }}>
          {/* Header: months and days */}
          <Box
            style={{
              display: "flex",
              height: HEADER,
              borderBottom: "1px solid var(--mantine-color-default-border)",
            }}
          >
            <Box
              style={{
                width: labelWidth,
                flexShrink: 0,
                position: "sticky",
                left: 0,
                zIndex: 3,
                background: "var(--mantine-color-body)",
                borderRight: "1px solid var(--mantine-color-default-border)",
              }}
              px="sm"
              pt={6}
            >
              <Text size="xs" c="dimmed" fw={600}>
                {t("onboarding.gantt.task")}
              </Text>
            </Box>
            <Box style={{ position: "relative", width: trackWidth }}>
              {ticks.map((day, i) => {
                const d = new Date(`${day}T00:00:00Z`);
                const monthStart = d.getUTCDate() === 1 || i === 0;
                const monday = d.getUTCDay() === 1;
                return (
                  <Fragment key={day}>
                    {monthStart && (
                      <Text
                        size="xs"
                        fw={600}
                        style={{ position: "absolute", left: i * dw + 3, top: 4, whiteSpace: "nowrap" }}
                      >
                        {monthFmt.format(d)}
                      </Text>
                    )}
                    {(showEveryDay || monday) && (
                      <Text
                        size="10px"
                        c={day === today ? "red.7" : "dimmed"}
                        fw={day === today ? 700 : undefined}
                        style={{
                          position: "absolute",
                          left: i * dw,
                          width: showEveryDay ? dw : 24,
                          top: 24,
                          textAlign: showEveryDay ? "center" : "left",
                          paddingLeft: showEveryDay ? 0 : 2,
                        }}
                      >
                        {d.getUTCDate()}
                      </Text>
                    )}
                  </Fragment>
                );
              })}
            </Box>
          </Box>

          {/* Rows */}
          <Box style={{ position: "relative" }}>
            {rows.map((row) => (
              <Box
                key={row.type === "task" ? row.task.id : row.type === "stage" ? row.stage : "meetings"}
                style={{
                  display: "flex",
                  height: row.type === "stage" ? STAGE_ROW : ROW,
                  background: row.type === "stage" ? "var(--mantine-color-gray-0)" : undefined,
                  borderBottom: "1px solid var(--mantine-color-gray-1)",
                }}
                data-testid={row.type === "task" ? "gantt-row" : undefined}
              >
                <Box
                  px="sm"
                  style={{
                    width: labelWidth,
                    flexShrink: 0,
                    position: "sticky",
                    left: 0,
                    zIndex: 3,
                    background:
                      row.type === "stage" ? "var(--mantine-color-gray-0)" : "var(--mantine-color-body)",
                    borderRight: "1px solid var(--mantine-color-default-border)",
                    display: "flex",
                    alignItems: "center",
                    gap: 6,
                    boxShadow:
                      row.type === "stage"
                        ? `inset 3px 0 0 var(--mantine-color-${stageColors[row.stage]}-6)`
                        : undefined,
                  }}
                >
                  {row.type === "stage" ? (
                    <Text size="xs" fw={700} truncate>
                      {t(`onboarding.stages.${row.stage}`)}
                    </Text>
                  ) : row.type === "meetings" ? (
                    <Text size="xs" fw={600} c="dimmed" truncate>
                      {t("onboarding.meetings.title")}
                    </Text>
                  ) : (
                    <>
                      <Box
                        w={8}
                        h={8}
                        style={{ borderRadius: 8, flexShrink: 0, background: barColor(row.task) }}
                      />
                      <Text
                        size="xs"
                        truncate
                        title={localize(row.task.title)}
                        td={row.task.status === "done" ? "line-through" : undefined}
                        c={row.task.overdue && row.task.status !== "done" ? "red.8" : undefined}
                      >
                        {localize(row.task.title)}
                      </Text>
                    </>
                  )}
                </Box>
                <Box style={{ position: "relative", width: trackWidth }}>
                  {row.type === "task" && (
                    <Tooltip
                      withArrow
                      multiline
                      maw={300}
                      label={
                        <>
                          <Text size="xs" fw={600}>
                            {localize(row.task.title)}
                          </Text>
                          <Text size="xs">
                            {f.date(row.task.startsOn)} → {f.date(row.task.dueOn)} ·{" "}
                            {t(`onboarding.taskStatus.${row.task.status}`)} ·{" "}
                            {t(`onboarding.sides.${row.task.side}`)}
                          </Text>
                        </>
                      }
                    >
                      <Box
                        data-testid="gantt-bar"
                        style={{
                          position: "absolute",
                          left: x(row.task.startsOn) + 1,
                          width: Math.max(
                            dw - 2,
                            (daysBetween(row.task.startsOn, row.task.dueOn) + 1) * dw - 2,
                          ),
                          top: 7,
                          height: ROW - 14,
                          borderRadius: 4,
                          background: barColor(row.task),
                          opacity: row.task.status === "skipped" ? 0.5 : 1,
                          zIndex: 2,
                        }}
                      />
                    </Tooltip>
                  )}
                  {row.type === "meetings" &&
                    meetingDays.map(({ m, day }) => (
                      <Tooltip
                        key={m.id}
                        withArrow
                        label={`${localize(m.title)} · ${f.dateTime(m.scheduledAt)}${m.heldAt ? ` ✓` : ""}`}
                      >
                        <Box
                          style={{
                            position: "absolute",
                            left: x(day) + dw / 2 - 6,
                            top: ROW / 2 - 6,
                            width: 12,
                            height: 12,
                            transform: "rotate(45deg)",
                            background: m.heldAt
                              ? "var(--mantine-color-teal-6)"
                              : "var(--mantine-color-violet-5)",
                            zIndex: 2,
                          }}
                        />
                      </Tooltip>
                    ))}
                </Box>
              </Box>
            ))}

            {/* Weekends, dependencies, today and the target date, over the tracks */}
            <svg
              width={trackWidth}
              height={height}
              style={{ position: "absolute", left: labelWidth, top: 0, pointerEvents: "none", zIndex: 1 }}
              aria-hidden="true"
            >
              <defs>
                <marker
                  id="gantt-arrow"
                  viewBox="0 0 8 8"
                  refX="7"
                  refY="4"
                  markerWidth="6"
                  markerHeight="6"
                  orient="auto"
                >
                  <path d="M0,0 L8,4 L0,8 z" fill="var(--mantine-color-gray-6)" />
                </marker>
              </defs>
              {ticks.map((day, i) => {
                const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
                return wd === 0 || wd === 6 ? (
                  <rect
                    key={day}
                    x={i * dw}
                    y={0}
                    width={dw}
                    height={height}
                    fill="var(--mantine-color-gray-0)"
                  />
                ) : null;
              })}
              {arrows.map((a) => (
                <path
                  key={a.key}
                  d={a.d}
                  fill="none"
                  stroke="var(--mantine-color-gray-6)"
                  strokeWidth={1.2}
                  markerEnd="url(#gantt-arrow)"
                  data-testid="gantt-dependency"
                />
              ))}
              {plan.targetDate && (
                <line
                  x1={x(plan.targetDate) + dw}
                  x2={x(plan.targetDate) + dw}
                  y1={0}
                  y2={height}
                  stroke="var(--mantine-color-violet-6)"
                  strokeWidth={2}
                />
              )}
              <g data-testid="gantt-today">
                <title>{`${t("onboarding.gantt.today")} ${f.date(today)}`}</title>
                <rect
                  x={x(today)}
                  y={0}
                  width={dw}
                  height={height}
                  fill="var(--mantine-color-red-6)"
                  opacity={0.06}
                />
                <line
                  x1={x(today) + dw / 2}
                  x2={x(today) + dw / 2}
                  y1={0}
                  y2={height}
                  stroke="var(--mantine-color-red-6)"
                  strokeWidth={2}
                  strokeDasharray="4 3"
                />
              </g>
            </svg>
          </Box>
        </Box>
      </Box>
      <Group
        gap="md"
        px="sm"
        py={8}
        style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
        wrap="wrap"
      >
        <Legend color="var(--mantine-color-indigo-4)" label={t("onboarding.sides.cs")} />
        <Legend color="var(--mantine-color-orange-4)" label={t("onboarding.sides.customer")} />
        <Legend color="var(--mantine-color-blue-6)" label={t("onboarding.taskStatus.in_progress")} />
        <Legend color="var(--mantine-color-teal-5)" label={t("onboarding.taskStatus.done")} />
        <Legend color="var(--mantine-color-red-6)" label={t("onboarding.gantt.overdue")} />
        <Legend color="var(--mantine-color-red-6)" label={t("onboarding.gantt.today")} line dashed />
        {plan.targetDate && (
          <Legend color="var(--mantine-color-violet-6)" label={t("onboarding.targetDate")} line />
        )}
      </Group>
    </Paper>
  );
}

function Legend({
  color,
  label,
  line,
  dashed,
}: {
  color: string;
  label: string;
  line?: boolean;
  dashed?: boolean;
}) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box
        w={line ? 3 : 14}
        h={line ? 14 : 8}
        style={{
          background: dashed ? undefined : color,
          borderLeft: dashed ? `2px dashed ${color}` : undefined,
          borderRadius: line ? 0 : 3,
        }}
      />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}
