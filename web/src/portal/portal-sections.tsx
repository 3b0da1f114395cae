// The portal's sections: progress, the customer's checklist, the plan by stage, criteria to agree,
// completion, resources, meetings and the CSM's contact.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import {
  IconBook,
  IconCalendarEvent,
  IconCircleCheck,
  IconCircleDashed,
  IconExternalLink,
  IconHelpCircle,
  IconLink,
  IconMail,
  IconMapPin,
  IconVideo,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Formatters } from "../platform/format";
import type { Localized, PortalOnboarding, PortalTask, PortalView } from "./portal-api";

export const STAGES = ["initial_response", "measure_design", "training"] as const;

export function useLocalized() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "en" ? "en" : "ja";
  return (text: Localized | null | undefined) => (text ? text[lang] || text.ja || text.en : "");
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function ProgressSection({ plan, fmt }: { plan: PortalOnboarding; fmt: Formatters }) {
  const { t } = useTranslation();
  const percent = Math.round(plan.progress * 100);
  return (
    <Section title={t("portal.progress.title")} testId="portal-progress">
      <Group justify="space-between" align="baseline">
        <Text fz={36} fw={700} lh={1} data-testid="portal-progress-percent">
          {percent}%
        </Text>
        <Text size="sm" c="dimmed">
          {t("portal.progress.tasks", { done: plan.tasksDone, total: plan.tasksTotal })}
        </Text>
      </Group>
      <Progress value={percent} size="lg" radius="xl" aria-label={t("portal.progress.title")} />
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t("portal.progress.started", { date: fmt.date(plan.startedAt) })}
        </Text>
        <Text size="sm" fw={500}>
          {plan.targetDate
            ? t("portal.progress.target", { date: fmt.date(plan.targetDate) })
            : t("portal.progress.noTarget")}
        </Text>
      </Group>
    </Section>
  );
}

export function ChecklistSection({
  tasks,
  today,
  fmt,
  pendingTaskId,
  onToggle,
}: {
  tasks: PortalTask[];
  today: string;
  fmt: Formatters;
  pendingTaskId: string | null;
  onToggle: (taskId: string, done: boolean) => void;
}) {
  const { t } = useTranslation();
  const text = useLocalized();
  const mine = tasks
    .filter((task) => task.side === "customer" && task.id)
    .sort((a, b) => Number(a.done) - Number(b.done) || a.dueOn.localeCompare(b.dueOn));
  return (
    <Section title={t("portal.checklist.title")} testId="portal-checklist">
      {mine.length === 0 && <Text c="dimmed">{t("portal.checklist.empty")}</Text>}
      <Stack gap={0}>
        {mine.map((task) => {
          const overdue = !task.done && task.dueOn < today;
          return (
            <Paper
              key={task.id}
              py="sm"
              px={4}
              radius={0}
              style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}
            >
              <Checkbox
                size="md"
                data-testid="portal-task"
                data-done={task.done ? "true" : "false"}
                checked={Boolean(task.done)}
                disabled={pendingTaskId === task.id}
                onChange={(event) => onToggle(task.id!, event.currentTarget.checked)}
                label={
                  <Text
                    fw={500}
                    td={task.done ? "line-through" : undefined}
                    c={task.done ? "dimmed" : undefined}
                  >
                    {text(task.title)}
                  </Text>
                }
                description={
                  <Stack gap={2} component="span">
                    {task.description && (
                      <Text size="sm" span>
                        {text(task.description)}
                      </Text>
                    )}
                    <Group gap={6} component="span">
                      {task.done ? (
                        <Text size="xs" c="teal.7" span>
                          {t("portal.checklist.doneBy", {
                            who: task.doneByCsTeam
                              ? t("portal.people.csTeam")
                              : (task.doneByName ?? t("portal.people.customerContact")),
                            date: fmt.date(task.doneAt),
                          })}
                        </Text>
                      ) : (
                        <Text size="xs" c={overdue ? "red.7" : "dimmed"} span>
                          {t("portal.checklist.due", { date: fmt.date(task.dueOn) })}
                        </Text>
                      )}
                      {overdue && (
                        <Badge size="xs" color="red" variant="light">
                          {t("portal.checklist.overdue")}
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                }
              />
            </Paper>
          );
        })}
      </Stack>
    </Section>
  );
}

export function PlanSection({ tasks, fmt }: { tasks: PortalTask[]; fmt: Formatters }) {
  const { t } = useTranslation();
  const text = useLocalized();
  const stages = [
    ...STAGES,
    ...new Set(tasks.map((task) => task.stage).filter((s) => !STAGES.includes(s as never))),
  ];
  return (
    <Section title={t("portal.plan.title")} testId="portal-plan">
      {stages.map((stage, index) => {
        const inStage = tasks.filter((task) => task.stage === stage);
        if (inStage.length === 0) return null;
        return (
          <Stack key={stage} gap={6} data-testid="portal-stage">
            <Group gap="xs">
              <Badge variant="filled" radius="sm" size="sm" circle>
                {index + 1}
              </Badge>
              <Text fw={600}>{t(`portal.stages.${stage}`, { defaultValue: stage })}</Text>
            </Group>
            <List spacing={6} size="sm" listStyleType="none" pl={4}>
              {inStage.map((task, i) => (
                <List.Item
                  key={task.id ?? `${stage}-${i}`}
                  icon={
                    task.done ? (
                      <ThemeIcon size={20} radius="xl" color="teal" variant="light">
                        <IconCircleCheck size={14} />
                      </ThemeIcon>
                    ) : (
                      <ThemeIcon size={20} radius="xl" color="gray" variant="light">
                        <IconCircleDashed size={14} />
                      </ThemeIcon>
                    )
                  }
                >
                  <Text size="sm" span>
                    {text(task.title)}
                  </Text>{" "}
                  <Badge size="xs" variant="light" color={task.side === "customer" ? "indigo" : "gray"}>
                    {task.side === "customer" ? t("portal.plan.yours") : t("portal.plan.ours")}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t("portal.plan.dates", { start: fmt.date(task.startsOn), end: fmt.date(task.dueOn) })}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        );
      })}
    </Section>
  );
}

export function CriteriaSection({
  plan,
  fmt,
  pending,
  onAgree,
}: {
  plan: PortalOnboarding;
  fmt: Formatters;
  pending: boolean;
  onAgree: () => void;
}) {
  const { t } = useTranslation();
  const text = useLocalized();
  const { agreement } = plan;
  return (
    <Section title={t("portal.criteria.title")} testId="portal-criteria">
      {agreement.proposed ? (
        <Text size="sm" c="dimmed">
          {t("portal.criteria.intro")}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t("portal.criteria.notProposed")}
        </Text>
      )}
      <Stack gap={6}>
        {plan.criteria.map((criterion) => (
          <Group key={criterion.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="portal-criterion">
            <ThemeIcon size={22} radius="xl" variant="light" color={criterion.met ? "teal" : "gray"}>
              {criterion.met ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
            </ThemeIcon>
            <Text size="sm" style={{ flex: 1 }}>
              {text(criterion.title)}
            </Text>
            <Text size="xs" c={criterion.met ? "teal.7" : "dimmed"}>
              {criterion.met ? t("portal.criteria.met") : t("portal.criteria.notMet")}
            </Text>
          </Group>
        ))}
      </Stack>
      {plan.targetDate && (
        <Text size="sm" fw={500}>
          {t("portal.progress.target", { date: fmt.date(plan.targetDate) })}
        </Text>
      )}
      {agreement.agreedAt ? (
        <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="portal-agreed">
          <IconCircleCheck size={20} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0 }} />
          <Text size="sm" c="teal.8" style={{ flex: 1 }}>
            {t("portal.criteria.agreed", {
              who: agreement.agreedByName ?? t("portal.people.customerContact"),
              date: fmt.date(agreement.agreedAt),
            })}
          </Text>
        </Group>
      ) : (
        agreement.canAgree && (
          <Button size="md" fullWidth loading={pending} onClick={onAgree} data-testid="portal-agree">
            {t("portal.criteria.agree")}
          </Button>
        )
      )}
    </Section>
  );
}

export function CompletionSection({
  plan,
  fmt,
  pending,
  onConfirm,
}: {
  plan: PortalOnboarding;
  fmt: Formatters;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (plan.completed) {
    body = (
      <Group gap="xs" wrap="nowrap" data-testid="portal-completed">
        <ThemeIcon color="teal" radius="xl" variant="light">
          <IconCircleCheck size={18} />
        </ThemeIcon>
        <Text size="sm" c="teal.8">
          {plan.completedBy === "customer"
            ? t("portal.completion.doneByCustomer", {
                date: fmt.date(plan.completedAt),
                who: plan.completedByName ?? t("portal.people.customerContact"),
              })
            : t("portal.completion.doneByCsm", { date: fmt.date(plan.completedAt) })}
        </Text>
      </Group>
    );
  } else if (plan.confirmation.available) {
    body = (
      <>
        <Text size="sm">{t("portal.completion.confirmIntro")}</Text>
        <Button
          size="md"
          fullWidth
          color="teal"
          loading={pending}
          onClick={onConfirm}
          data-testid="portal-confirm-completion"
        >
          {t("portal.completion.confirm")}
        </Button>
      </>
    );
  } else {
    const reason = plan.confirmation.blockedBy[0] ?? "completion_meeting_not_held";
    body = (
      <Text size="sm" c="dimmed" data-testid="portal-completion-blocked">
        {t(`portal.completion.blocked.${reason}`, {
          defaultValue: t("portal.completion.blocked.completion_meeting_not_held"),
        })}
      </Text>
    );
  }
  return (
    <Section title={t("portal.completion.title")} testId="portal-completion">
      {body}
    </Section>
  );
}

const resourceIcons = { manual: IconBook, faq: IconHelpCircle, video: IconVideo, other: IconLink };

export function ResourcesSection({ resources }: { resources: PortalOnboarding["resources"] }) {
  const { t } = useTranslation();
  const text = useLocalized();
  if (resources.length === 0) return null;
  return (
    <Section title={t("portal.resources.title")} testId="portal-resources">
      <Stack gap="xs">
        {resources.map((resource) => {
          const Icon = resourceIcons[resource.kind] ?? IconLink;
          return (
            <Anchor
              key={resource.url}
              href={resource.url}
              target="_blank"
              rel="noopener noreferrer"
              underline="never"
              data-testid="portal-resource"
            >
              <Group gap="sm" wrap="nowrap">
                <ThemeIcon variant="light" radius="md" size={32}>
                  <Icon size={18} />
                </ThemeIcon>
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {text(resource.title)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`portal.resources.kinds.${resource.kind}`)}
                  </Text>
                </Stack>
                <IconExternalLink size={16} color="var(--mantine-color-gray-5)" />
              </Group>
            </Anchor>
          );
        })}
      </Stack>
    </Section>
  );
}

export function MeetingsSection({
  meetings,
  fmt,
}: {
  meetings: PortalOnboarding["meetings"];
  fmt: Formatters;
}) {
  const { t } = useTranslation();
  const text = useLocalized();
  return (
    <Section title={t("portal.meetings.title")} testId="portal-meetings">
      {meetings.length === 0 && (
        <Text c="dimmed" size="sm">
          {t("portal.meetings.empty")}
        </Text>
      )}
      {meetings.map((meeting) => (
        <Group
          key={`${meeting.type}-${meeting.scheduledAt}`}
          gap="sm"
          wrap="nowrap"
          align="flex-start"
          data-testid="portal-meeting"
        >
          <ThemeIcon variant="light" radius="md" size={32} color="grape">
            <IconCalendarEvent size={18} />
          </ThemeIcon>
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={500}>
              {text(meeting.title) ||
                t(`portal.meetings.types.${meeting.type}`, { defaultValue: meeting.type })}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`portal.meetings.types.${meeting.type}`, { defaultValue: meeting.type })} ·{" "}
              {fmt.dateTime(meeting.scheduledAt)} ·{" "}
              {t("portal.meetings.minutes", { count: meeting.durationMinutes })}
            </Text>
            {meeting.location && (
              <Group gap={4} wrap="nowrap">
                <IconMapPin size={12} color="var(--mantine-color-gray-6)" />
                {/^https?:\/\//i.test(meeting.location) ? (
                  <Anchor
                    size="xs"
                    href={meeting.location}
                    target="_blank"
                    rel="noopener noreferrer"
                    style={{ wordBreak: "break-all" }}
                  >
                    {meeting.location}
                  </Anchor>
                ) : (
                  <Text size="xs" c="dimmed" style={{ wordBreak: "break-word" }}>
                    {meeting.location}
                  </Text>
                )}
              </Group>
            )}
          </Stack>
        </Group>
      ))}
    </Section>
  );
}

export function ContactSection({ csm }: { csm: PortalView["csm"] }) {
  const { t } = useTranslation();
  return (
    <Section title={t("portal.contact.title")} testId="portal-contact">
      {csm ? (
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={500}>{csm.name}</Text>
            <Text size="sm" c="dimmed" truncate>
              {csm.email}
            </Text>
          </Stack>
          <Button
            component="a"
            href={`mailto:${csm.email}`}
            variant="light"
            leftSection={<IconMail size={16} />}
            data-testid="portal-contact-mail"
          >
            {t("portal.contact.write")}
          </Button>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("portal.contact.none")}
        </Text>
      )}
    </Section>
  );
}
