// One onboarding plan: status and progress with reasons, target date, the tasks (list or timeline),
// completion criteria with the agreement, meetings and resources.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import {
  IconCheck,
  IconCircleCheck,
  IconExternalLink,
  IconFlag,
  IconLayoutList,
  IconPencil,
  IconTimeline,
  IconX,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { TouchModelBadge } from "../accounts/account-badges";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import type { Contact } from "../platform/types";
import { CriteriaCard } from "./criteria-card";
import { MeetingsCard } from "./meetings-card";
import { type Plan, planQuery, usePlanChange } from "./onboarding-api";
import { StatusWithReasons, statusColors, useLocalize } from "./onboarding-labels";
import { PlanGantt } from "./plan-gantt";
import { TaskList } from "./task-list";

export function PlanView({
  onboardingId,
  accountId,
  contacts,
  editable,
  sidebarExtra,
}: {
  onboardingId: string;
  accountId: string;
  contacts: Contact[];
  editable: boolean;
  sidebarExtra?: ReactNode;
}) {
  const { t } = useTranslation();
  const plan = useQuery(planQuery(onboardingId));
  const [view, setView] = useState<"list" | "timeline">("list");

  if (!plan.data) return <Skeleton height={480} radius="md" />;
  const p = plan.data;
  const open = p.status !== "completed" && p.status !== "churned";
  const canEdit = editable && open;

  return (
    <Stack gap="md" data-testid="onboarding-plan" data-onboarding-id={p.id}>
      <PlanHeader plan={p} editable={canEdit} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: view === "timeline" ? 12 : 8 }}>
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={2} size="h4">
                {t("onboarding.plan.tasks")}
              </Title>
              <SegmentedControl
                size="xs"
                value={view}
                onChange={(v) => setView(v as "list" | "timeline")}
                data-testid="plan-view-switch"
                data={[
                  {
                    value: "list",
                    label: (
                      <Group gap={4} wrap="nowrap" data-testid="plan-view-list">
                        <IconLayoutList size={14} />
                        {t("onboarding.plan.listView")}
                      </Group>
                    ),
                  },
                  {
                    value: "timeline",
                    label: (
                      <Group gap={4} wrap="nowrap" data-testid="plan-view-timeline">
                        <IconTimeline size={14} />
                        {t("onboarding.plan.timelineView")}
                      </Group>
                    ),
                  },
                ]}
              />
            </Group>
            {view === "list" ? (
              <TaskList plan={p} accountId={accountId} contacts={contacts} editable={canEdit} />
            ) : (
              <PlanGantt plan={p} />
            )}
          </Stack>
        </Grid.Col>
        {view === "timeline" ? (
          <>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Stack gap="md">
                <CriteriaCard plan={p} editable={canEdit} />
                <MeetingsCard plan={p} editable={canEdit} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <Stack gap="md">
                {sidebarExtra}
                <ResourcesCard plan={p} />
              </Stack>
            </Grid.Col>
          </>
        ) : (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="md">
              <CriteriaCard plan={p} editable={canEdit} />
              <MeetingsCard plan={p} editable={canEdit} />
              {sidebarExtra}
              <ResourcesCard plan={p} />
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

function PlanHeader({ plan: p, editable }: { plan: Plan; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const [editingDate, setEditingDate] = useState(false);
  const [completing, setCompleting] = useState(false);
  const pct = Math.round(p.progress * 100);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="plan-header">
      <Group justify="space-between" align="flex-start" gap="md" wrap="wrap">
        <Stack gap={6} style={{ flex: "1 1 320px", minWidth: 0 }}>
          <Group gap="xs">
            <Title order={2} size="h4">
              {t("onboarding.plan.title")}
            </Title>
            <TouchModelBadge model={p.touchModel} size="sm" />
            {p.templateName && (
              <Text size="sm" c="dimmed">
                {t("onboarding.plan.fromTemplate", { name: p.templateName })}
              </Text>
            )}
          </Group>
          <StatusWithReasons status={p.status} reasons={p.statusReasons} />
          <Group gap="lg" mt={4} wrap="wrap">
            <Fact label={t("onboarding.overview.started")} value={f.date(p.startedAt)} />
            <Group gap={4} align="flex-end" wrap="nowrap">
              <Fact
                label={t("onboarding.targetDate")}
                value={f.date(p.targetDate)}
                testId="plan-target-date"
              />
              {editable && (
                <Tooltip label={t("onboarding.plan.changeTargetDate")}>
                  <ActionIcon
                    variant="subtle"
                    size="sm"
                    onClick={() => setEditingDate(true)}
                    aria-label={t("onboarding.plan.changeTargetDate")}
                    data-testid="plan-target-date-edit"
                  >
                    <IconPencil size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
            {p.completedAt && (
              <Fact label={t("onboarding.history.completed")} value={f.date(p.completedAt)} />
            )}
            <Fact label={t("onboarding.plan.lastProgress")} value={f.date(p.lastProgressAt)} />
          </Group>
        </Stack>
        <Stack gap={6} style={{ flex: "0 1 300px", minWidth: 220 }}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t("onboarding.progress")}
            </Text>
            <Text
              size="xl"
              fw={700}
              data-testid="plan-progress"
              style={{ fontVariantNumeric: "tabular-nums" }}
            >
              {pct}%
            </Text>
          </Group>
          <Progress value={pct} size="lg" radius="xl" color={statusColors[p.status]} />
          <Text size="xs" c="dimmed">
            {t("onboarding.plan.progressDetail", {
              done: p.tasksDone,
              total: p.tasksTotal,
              met: p.criteriaMet,
              criteria: p.criteriaTotal,
            })}
          </Text>
          {editable && (
            <Button
              variant="light"
              color="blue"
              leftSection={<IconFlag size={16} />}
              onClick={() => setCompleting(true)}
              mt={4}
              data-testid="plan-complete"
            >
              {t("onboarding.complete.button")}
            </Button>
          )}
        </Stack>
      </Group>
      {p.completedAt && (
        <Alert mt="md" color="blue" icon={<IconCircleCheck size={18} />} data-testid="plan-completed">
          {t(`onboarding.complete.by_${p.completionSource ?? "csm"}`, {
            who: p.completedByLabel ?? "—",
            date: f.date(p.completedAt),
          })}
          {p.completionReason && (
            <Text size="sm" mt={4}>
              {t("onboarding.complete.reasonLine", { reason: p.completionReason })}
            </Text>
          )}
        </Alert>
      )}
      {editable && !p.completedAt && <ConfirmationState plan={p} />}
      <TargetDateModal plan={p} opened={editingDate} onClose={() => setEditingDate(false)} />
      <CompleteModal plan={p} opened={completing} onClose={() => setCompleting(false)} />
    </Card>
  );
}

function ConfirmationState({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  const blocked = p.confirmation.blockedBy.filter((b) => b !== "completed");
  return (
    <Group gap={6} mt="sm" data-testid="plan-confirmation">
      <Text size="xs" c="dimmed">
        {t("onboarding.confirmation.label")}
      </Text>
      {p.confirmation.available ? (
        <Badge color="teal" variant="light" tt="none" leftSection={<IconCheck size={12} />}>
          {t("onboarding.confirmation.available")}
        </Badge>
      ) : (
        blocked.map((b) => (
          <Badge key={b} color="gray" variant="light" tt="none" leftSection={<IconX size={12} />}>
            {t(`onboarding.confirmation.${b}`)}
          </Badge>
        ))
      )}
    </Group>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function TargetDateModal({ plan: p, opened, onClose }: { plan: Plan; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const change = usePlanChange(p.id);
  const [value, setValue] = useState<string | null>(p.targetDate);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={t("onboarding.plan.changeTargetDate")} centered>
      <Stack>
        {p.agreedAt && (
          <Alert color="yellow" variant="light">
            {t("onboarding.agreement.changeClears")}
          </Alert>
        )}
        <DateInput
          label={t("onboarding.targetDate")}
          valueFormat="YYYY/MM/DD"
          value={value}
          onChange={setValue}
          error={error}
          data-testid="plan-target-date-input"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={change.isPending}
            disabled={!value}
            data-testid="plan-target-date-save"
            onClick={() =>
              change.mutate(
                { method: "PATCH", body: { targetDate: value } },
                {
                  onSuccess: () => {
                    notifySuccess(t("onboarding.plan.targetDateSaved"));
                    onClose();
                  },
                  onError: (e) => setError(e.message),
                },
              )
            }
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CompleteModal({ plan: p, opened, onClose }: { plan: Plan; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const change = usePlanChange(p.id);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={t("onboarding.complete.title")} centered size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t("onboarding.complete.hint")}
        </Text>
        {p.criteriaMet < p.criteriaTotal && (
          <Alert color="yellow" variant="light">
            {t("onboarding.complete.criteriaOpen", { count: p.criteriaTotal - p.criteriaMet })}
          </Alert>
        )}
        <Textarea
          label={t("onboarding.complete.reason")}
          placeholder={t("onboarding.complete.reasonPlaceholder")}
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          data-testid="plan-complete-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            loading={change.isPending}
            data-testid="plan-complete-submit"
            onClick={() => {
              if (!reason.trim()) return setError(t("onboarding.complete.reasonRequired"));
              change.mutate(
                { path: "/complete", method: "POST", body: { reason: reason.trim() } },
                {
                  onSuccess: () => {
                    notifySuccess(t("onboarding.complete.done"));
                    onClose();
                  },
                  onError: (e) => notifyError(e),
                },
              );
            }}
          >
            {t("onboarding.complete.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ResourcesCard({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  if (p.resources.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="plan-resources">
      <Title order={3} size="h5" mb="sm">
        {t("onboarding.resources.title")}
      </Title>
      <Stack gap={6}>
        {p.resources.map((r) => (
          <Group key={r.key} gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" color="gray" tt="none" miw={64}>
              {t(`onboarding.resources.kinds.${r.kind}`)}
            </Badge>
            <Anchor href={r.url} target="_blank" rel="noreferrer" size="sm" lineClamp={1}>
              {localize(r.title)} <IconExternalLink size={12} />
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
