// Completion criteria with the agreement: propose them and the target date, see who agreed and when,
// tick manual ones, see event and usage ones wait for usage events, and the evidence when met.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from "@mantine/core";
import {
  IconCircleCheck,
  IconClockHour4,
  IconHeartHandshake,
  IconPlus,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { notifyError, notifySuccess } from "../platform/notify";
import {
  type Criterion,
  type CriterionKind,
  criterionKinds,
  type Plan,
  usePlanChange,
} from "./onboarding-api";
import { useLocalize } from "./onboarding-labels";

export function describeRule(kind: CriterionKind, rule: Criterion["rule"], t: TFunction): string | null {
  if (kind === "event") return t("onboarding.criteria.eventRule", { event: rule.event ?? "—" });
  if (kind === "usage")
    return t("onboarding.criteria.usageRule", {
      users: rule.minActiveUsers ?? 0,
      days: rule.minDays ?? 0,
      window: rule.windowDays ?? 0,
    });
  return null;
}

/** What met an automatic criterion: the event and when it was seen, or the qualifying days. */
function describeEvidence(
  evidence: Record<string, unknown> | null,
  t: TFunction,
  f: ReturnType<typeof useFormatters>,
): string | null {
  if (!evidence) return null;
  if (typeof evidence.event === "string" && typeof evidence.seenAt === "string")
    return t("onboarding.criteria.evidenceEvent", {
      event: evidence.event,
      date: f.dateTime(evidence.seenAt),
    });
  if (Array.isArray(evidence.days) && typeof evidence.from === "string" && typeof evidence.to === "string")
    return t("onboarding.criteria.evidenceUsage", {
      count: evidence.days.length,
      from: f.date(evidence.from),
      to: f.date(evidence.to),
    });
  return null;
}

export function CriteriaCard({ plan: p, editable }: { plan: Plan; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const localize = useLocalize();
  const change = usePlanChange(p.id);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Criterion | null>(null);
  const canPropose = p.criteria.length > 0 && Boolean(p.targetDate);
  const agreed = Boolean(p.agreedAt);
  const proposed = Boolean(p.proposedAt) && !agreed;

  const propose = () =>
    change.mutate(
      { path: "/propose", method: "POST" },
      { onSuccess: () => notifySuccess(t("onboarding.agreement.proposedToast")), onError: notifyError },
    );

  const tick = (c: Criterion, met: boolean) =>
    change.mutate(
      { path: `/criteria/${encodeURIComponent(c.id)}`, method: "PATCH", body: { met } },
      { onError: notifyError },
    );

  return (
    <Card withBorder radius="md" padding="lg" data-testid="criteria-card">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5">
          {t("onboarding.criteria.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {p.criteriaMet}/{p.criteriaTotal}
        </Text>
      </Group>

      <Alert
        data-testid="agreement-state"
        data-state={agreed ? "agreed" : proposed ? "proposed" : "none"}
        color={agreed ? "teal" : proposed ? "blue" : "gray"}
        variant="light"
        icon={
          agreed ? (
            <IconHeartHandshake size={18} />
          ) : proposed ? (
            <IconSend size={18} />
          ) : (
            <IconClockHour4 size={18} />
          )
        }
        mb="sm"
        p="sm"
      >
        <Text size="sm" fw={600}>
          {agreed
            ? t("onboarding.agreement.agreed", { who: p.agreedByLabel ?? "—", date: f.dateTime(p.agreedAt) })
            : proposed
              ? t("onboarding.agreement.proposed", {
                  who: p.proposedByName ?? "—",
                  date: f.dateTime(p.proposedAt),
                })
              : t("onboarding.agreement.none")}
        </Text>
        <Text size="xs" c="dimmed">
          {agreed
            ? t("onboarding.agreement.agreedHint")
            : proposed
              ? t("onboarding.agreement.proposedHint")
              : t("onboarding.agreement.noneHint")}
        </Text>
        {editable && !agreed && (
          <Tooltip label={t("onboarding.agreement.needs")} disabled={canPropose}>
            <Button
              mt="xs"
              size="xs"
              leftSection={<IconSend size={14} />}
              onClick={propose}
              loading={change.isPending}
              disabled={!canPropose}
              data-testid="agreement-propose"
            >
              {proposed ? t("onboarding.agreement.proposeAgain") : t("onboarding.agreement.propose")}
            </Button>
          </Tooltip>
        )}
      </Alert>

      <Stack gap="xs">
        {p.criteria.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("onboarding.criteria.none")}
          </Text>
        )}
        {p.criteria.map((c) => {
          const rule = describeRule(c.kind, c.rule, t);
          const evidence = describeEvidence(c.evidence, t, f);
          return (
            <Group
              key={c.id}
              align="flex-start"
              gap="sm"
              wrap="nowrap"
              data-testid="criterion"
              data-met={c.metAt ? "true" : "false"}
            >
              {c.kind === "manual" ? (
                <Checkbox
                  mt={2}
                  checked={Boolean(c.metAt)}
                  disabled={!editable || change.isPending}
                  onChange={(e) => tick(c, e.currentTarget.checked)}
                  aria-label={t("onboarding.criteria.tick")}
                  data-testid="criterion-tick"
                />
              ) : (
                <ThemeIcon size={18} radius="xl" variant="light" color={c.metAt ? "teal" : "gray"} mt={2}>
                  {c.metAt ? <IconCircleCheck size={14} /> : <IconClockHour4 size={12} />}
                </ThemeIcon>
              )}
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {localize(c.title)}
                  </Text>
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    {t(`onboarding.criteria.kinds.${c.kind}`)}
                  </Badge>
                </Group>
                {rule && (
                  <Text size="xs" c="dimmed">
                    {rule}
                  </Text>
                )}
                {c.waitingForEvents && !c.metAt && (
                  <Badge
                    size="xs"
                    color="yellow"
                    variant="light"
                    tt="none"
                    w="fit-content"
                    data-testid="criterion-waiting"
                  >
                    {t("onboarding.criteria.waiting")}
                  </Badge>
                )}
                {c.metAt && (
                  <Text size="xs" c="teal.7">
                    {t("onboarding.criteria.metBy", { who: c.metByLabel ?? "—", date: f.dateTime(c.metAt) })}
                    {evidence ? ` — ${evidence}` : ""}
                  </Text>
                )}
              </Stack>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  onClick={() => setDeleting(c)}
                  aria-label={t("common.delete")}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              )}
            </Group>
          );
        })}
      </Stack>
      {editable && (
        <Button
          mt="sm"
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => setAdding(true)}
          data-testid="criterion-add"
        >
          {t("onboarding.criteria.add")}
        </Button>
      )}
      {adding && <CriterionFormModal plan={p} onClose={() => setAdding(false)} />}
      <Modal
        opened={Boolean(deleting)}
        onClose={() => setDeleting(null)}
        title={t("onboarding.criteria.deleteTitle")}
        centered
      >
        <Stack>
          <Text size="sm">{t("onboarding.criteria.deleteBody", { title: localize(deleting?.title) })}</Text>
          {agreed && (
            <Alert color="yellow" variant="light">
              {t("onboarding.agreement.changeClears")}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={change.isPending}
              onClick={() =>
                deleting &&
                change.mutate(
                  { path: `/criteria/${encodeURIComponent(deleting.id)}`, method: "DELETE" },
                  { onSuccess: () => setDeleting(null), onError: notifyError },
                )
              }
            >
              {t("common.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function CriterionFormModal({ plan: p, onClose }: { plan: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const change = usePlanChange(p.id);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<CriterionKind>("manual");
  const [event, setEvent] = useState("");
  const [users, setUsers] = useState<number | string>(3);
  const [minDays, setMinDays] = useState<number | string>(5);
  const [windowDays, setWindowDays] = useState<number | string>(7);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    if (!title.trim()) return setErrors({ title: t("validation.required") });
    if (kind === "event" && !event.trim()) return setErrors({ event: t("validation.required") });
    const body = {
      title: title.trim(),
      kind,
      ...(kind === "event" ? { event: event.trim() } : {}),
      ...(kind === "usage"
        ? {
            minActiveUsers: Number(users),
            minDays: Number(minDays),
            windowDays: Number(windowDays),
          }
        : {}),
    };
    change.mutate(
      { path: "/criteria", method: "POST", body },
      {
        onSuccess: () => {
          notifySuccess(t("onboarding.criteria.added"));
          onClose();
        },
        onError: (error) => {
          const details =
            "details" in error ? (error as { details: { path: string; message: string }[] }).details : [];
          if (details.length)
            setErrors(
              Object.fromEntries(details.map((d) => [d.path.split(".").at(-1) ?? d.path, d.message])),
            );
          else notifyError(error);
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t("onboarding.criteria.add")} centered>
      <Stack gap="sm" data-testid="criterion-form">
        {p.agreedAt && (
          <Alert color="yellow" variant="light">
            {t("onboarding.agreement.changeClears")}
          </Alert>
        )}
        <TextInput
          label={t("onboarding.criteria.titleLabel")}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          data-testid="criterion-form-title"
        />
        <Select
          label={t("onboarding.criteria.kind")}
          data={criterionKinds.map((k) => ({ value: k, label: t(`onboarding.criteria.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => setKind((v as CriterionKind) ?? "manual")}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="criterion-form-kind"
        />
        {kind === "event" && (
          <TextInput
            label={t("onboarding.criteria.event")}
            placeholder="Tutorial Completed"
            value={event}
            onChange={(e) => setEvent(e.currentTarget.value)}
            error={errors.event}
          />
        )}
        {kind === "usage" && (
          <SimpleGrid cols={3} spacing="xs">
            <NumberInput
              label={t("onboarding.criteria.minActiveUsers")}
              min={1}
              value={users}
              onChange={setUsers}
              error={errors.minActiveUsers}
            />
            <NumberInput
              label={t("onboarding.criteria.minDays")}
              min={1}
              value={minDays}
              onChange={setMinDays}
              error={errors.minDays}
            />
            <NumberInput
              label={t("onboarding.criteria.windowDays")}
              min={1}
              value={windowDays}
              onChange={setWindowDays}
              error={errors.windowDays}
            />
          </SimpleGrid>
        )}
        {kind !== "manual" && (
          <Text size="xs" c="dimmed">
            {t("onboarding.criteria.liveHint")}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button loading={change.isPending} onClick={submit} data-testid="criterion-form-submit">
            {t("onboarding.criteria.add")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
