// One seminar: its sessions (add, edit, cancel) and, for the chosen session, the invitations with

// status and attendance, inviting contacts or a segment, and the attendee report upload.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import {
  IconArrowLeft,
  IconDots,
  IconFileUpload,
  IconPencil,
  IconPlus,
  IconSend,
  IconVideo,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canEditAccounts, canManageWorkspace, useMe } from "../auth/me-query";
import { AnchorLink } from "../platform/anchor-link";
import { useFormatters, useWorkspaceTimeZone } from "../platform/format";
import { useLocalizedText } from "../platform/localized";
import { notifyError } from "../platform/notify";
import { InviteModal } from "./invite-modal";
import { SeminarFormModal } from "./seminar-form-modal";
import { kindColors, percent, sessionWhen } from "./seminar-labels";
import {
  type AttendanceResult,
  type Invitation,
  invitationsQuery,
  type SeminarSession,
  seminarQuery,
  useSaveSeminar,
  useSaveSession,
  useUpdateInvitation,
  useUploadAttendance,
} from "./seminars-api";
import { SessionFormModal } from "./session-form-modal";

const route = getRouteApi("/app/seminars/$seminarId");

export function SeminarPage() {
  const { seminarId } = route.useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? "ja";
  const me = useMe();
  const f = useFormatters();
  const text = useLocalizedText();
  const seminar = useQuery(seminarQuery(seminarId));
  const [editing, setEditing] = useState(false);
  const [sessionForm, setSessionForm] = useState<SeminarSession | "new" | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const archive = useSaveSeminar(seminarId);
  const s = seminar.data;
  if (!s) return null;
  const now = Date.now();
  const defaultSession =
    s.sessions.find((x) => !x.cancelledAt && new Date(x.startsAt).getTime() > now) ??
    s.sessions.at(-1) ??
    null;
  const selected = s.sessions.find((x) => x.id === chosen) ?? defaultSession;
  const rate = percent(s.participation, lang);

  return (
    <Stack gap="md" maw={1200} mx="auto" data-testid="seminar-page">
      <AnchorLink to="/seminars" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("seminars.back")}
        </Group>
      </AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Group gap="xs">
            <Title order={1} size="h2" data-testid="seminar-title">
              {text(s.title)}
            </Title>
            <Badge variant="light" tt="none" color={kindColors[s.kind]}>
              {t(`seminars.kinds.${s.kind}`)}
            </Badge>
            {s.archivedAt && (
              <Badge color="gray" variant="light" tt="none">
                {t("seminars.archived")}
              </Badge>
            )}
          </Group>
          {text(s.description) && (
            <Text size="sm" c="dimmed" maw={760} style={{ whiteSpace: "pre-wrap" }}>
              {text(s.description)}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            {s.autoInviteTouchModels.length > 0
              ? `${t("seminars.autoInviteOn", {
                  models: s.autoInviteTouchModels
                    .map((m) => t(`touchModels.${m}`))
                    .join(lang === "en" ? ", " : "・"),
                })} (${t("seminars.autoInviteSince", { date: f.date(s.autoInviteSince) })})`
              : t("seminars.autoInviteOff")}
            {" · "}
            {t("seminars.reminder", { hours: s.reminderHours })}
          </Text>
        </div>
        {canManageWorkspace(me) && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
              data-testid="seminar-edit"
            >
              {t("seminars.edit")}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="subtle" px="xs" aria-label="more">
                  <IconDots size={18} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  onClick={() => archive.mutate({ archived: !s.archivedAt }, { onError: notifyError })}
                >
                  {s.archivedAt ? t("seminars.unarchive") : t("seminars.archive")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>

      <Group gap="md" wrap="wrap">
        <Card withBorder radius="md" padding="sm" miw={200}>
          <Text size="xs" c="dimmed">
            {t("seminars.participation")}
          </Text>
          <Text fw={700} size="xl" data-testid="seminar-page-participation">
            {rate ?? "—"}
          </Text>
          <Text size="xs" c="dimmed" maw={260}>
            {s.participation.denominator > 0
              ? `${s.participation.numerator}/${s.participation.denominator}${lang === "en" ? " accounts" : " 社"}`
              : t("seminars.noParticipation")}
          </Text>
        </Card>
        <Card withBorder radius="md" padding="sm">
          <Text size="xs" c="dimmed">
            {t("seminars.invitations.title")}
          </Text>
          <Text fw={600}>{t("seminars.counts", s.counts)}</Text>
          <Text size="xs" c="dimmed" maw={420}>
            {t("seminars.participationHint")}
          </Text>
        </Card>
      </Group>

      <Card withBorder radius="md" padding="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t("seminars.sessions.title")}
            </Title>
            {canEditAccounts(me) && (
              <Button
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => setSessionForm("new")}
                data-testid="session-add"
              >
                {t("seminars.sessions.add")}
              </Button>
            )}
          </Group>
          {s.sessions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("seminars.sessions.empty")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="sessions-table">
                <Table.Tbody>
                  {s.sessions.map((x) => (
                    <SessionRow
                      key={x.id}
                      session={x}
                      selected={selected?.id === x.id}
                      onSelect={() => setChosen(x.id)}
                      onEdit={canEditAccounts(me) ? () => setSessionForm(x) : null}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>

      {selected && <SessionInvitations key={selected.id} session={selected} editable={canEditAccounts(me)} />}

      {editing && <SeminarFormModal seminar={s} onClose={() => setEditing(false)} />}
      {sessionForm && (
        <SessionFormModal
          seminarId={s.id}
          session={sessionForm === "new" ? null : sessionForm}
          onClose={() => setSessionForm(null)}
        />
      )}
    </Stack>
  );
}

function SessionRow({
  session: x,
  selected,
  onSelect,
  onEdit,
}: {
  session: SeminarSession;
  selected: boolean;
  onSelect: () => void;
  onEdit: (() => void) | null;
}) {
  const { t, i18n } = useTranslation();
  const tz = useWorkspaceTimeZone();
  const save = useSaveSession(x.seminarId, x.id);
  const past = new Date(x.startsAt).getTime() <= Date.now();
  return (
    <Table.Tr
      bg={selected ? "var(--mantine-color-blue-light)" : undefined}
      style={{ cursor: "pointer" }}
      onClick={onSelect}
      data-testid="session-row"
    >
      <Table.Td>
        <UnstyledButton onClick={onSelect}>
          <Text fw={selected ? 700 : 500} size="sm" td={x.cancelledAt ? "line-through" : undefined}>
            {sessionWhen(x.startsAt, x.durationMinutes, i18n.resolvedLanguage ?? "ja", tz)}
          </Text>
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        {x.cancelledAt ? (
          <Badge color="red" variant="light" tt="none">
            {t("seminars.sessions.cancelled")}
          </Badge>
        ) : past ? (
          <Badge color="gray" variant="light" tt="none">
            {t("seminars.sessions.past")}
          </Badge>
        ) : (
          <Badge color="teal" variant="light" tt="none">
            {t("seminars.sessions.upcoming")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {t("seminars.counts", x.counts)}
          {x.capacity !== null && ` / ${x.capacity}`}
        </Text>
      </Table.Td>
      <Table.Td>
        {x.onlineUrl && (
          <Anchor
            href={x.onlineUrl}
            target="_blank"
            rel="noreferrer"
            size="sm"
            onClick={(e) => e.stopPropagation()}
          >
            <IconVideo size={16} style={{ verticalAlign: "middle" }} />
          </Anchor>
        )}
      </Table.Td>
      <Table.Td ta="right" onClick={(e) => e.stopPropagation()}>
        {onEdit && (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button size="compact-xs" variant="subtle" onClick={onEdit}>
              {t("seminars.edit")}
            </Button>
            {!past && (
              <Button
                size="compact-xs"
                variant="subtle"
                color={x.cancelledAt ? "blue" : "red"}
                onClick={() => save.mutate({ cancelled: !x.cancelledAt }, { onError: notifyError })}
              >
                {x.cancelledAt ? t("seminars.sessions.restore") : t("seminars.sessions.cancel")}
              </Button>
            )}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function SessionInvitations({ session, editable }: { session: SeminarSession; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const tz = useWorkspaceTimeZone();
  const f = useFormatters();
  const lang = i18n.resolvedLanguage ?? "ja";
  const invitations = useQuery(invitationsQuery(session.id));
  const upload = useUploadAttendance(session.id);
  const [inviting, setInviting] = useState(false);
  const [report, setReport] = useState<AttendanceResult | null>(null);
  const when = sessionWhen(session.startsAt, session.durationMinutes, lang, tz);
  const upcoming = !session.cancelledAt && new Date(session.startsAt).getTime() > Date.now();
  const items = invitations.data?.items ?? [];

  return (
    <Card withBorder radius="md" padding="md" data-testid="session-invitations">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={2} size="h4">
              {t("seminars.invitations.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {when}
            </Text>
          </div>
          {editable && (
            <Group gap="xs">
              <FileButton
                accept=".csv,text/csv,text/plain"
                onChange={(file) =>
                  file &&
                  upload.mutate(file, {
                    onSuccess: setReport,
                    onError: notifyError,
                  })
                }
              >
                {(props) => (
                  <Button
                    {...props}
                    size="xs"
                    variant="default"
                    leftSection={<IconFileUpload size={14} />}
                    loading={upload.isPending}
                    data-testid="attendance-upload"
                  >
                    {t("seminars.attendance.upload")}
                  </Button>
                )}
              </FileButton>
              {upcoming && (
                <Button
                  size="xs"
                  leftSection={<IconSend size={14} />}
                  onClick={() => setInviting(true)}
                  data-testid="invite-open"
                >
                  {t("seminars.invite.button")}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {editable && (
          <Text size="xs" c="dimmed">
            {t("seminars.attendance.hint")}
          </Text>
        )}
        {report && (
          <Alert
            color="teal"
            variant="light"
            withCloseButton
            onClose={() => setReport(null)}
            data-testid="attendance-result"
          >
            <Text size="sm">{t("seminars.attendance.result", report)}</Text>
            {report.unknown.length > 0 && (
              <Text size="sm" c="orange.8">
                {t("seminars.attendance.unknown", { emails: report.unknown.join(", ") })}
              </Text>
            )}
          </Alert>
        )}
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("seminars.invitations.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" striped data-testid="invitations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("seminars.invitations.account")}</Table.Th>
                  <Table.Th>{t("seminars.invitations.contact")}</Table.Th>
                  <Table.Th>{t("seminars.invitations.status")}</Table.Th>
                  <Table.Th>{t("seminars.invitations.attended")}</Table.Th>
                  <Table.Th>{t("seminars.invitations.source")}</Table.Th>
                  <Table.Th>{t("seminars.invitations.invitedAt")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <InvitationRow
                    key={i.id}
                    invitation={i}
                    editable={editable}
                    invitedAt={f.date(i.invitedAt)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {inviting && <InviteModal sessionId={session.id} when={when} onClose={() => setInviting(false)} />}
    </Card>
  );
}

const statusColors = { invited: "gray", registered: "teal", declined: "orange" } as const;

function InvitationRow({
  invitation: i,
  editable,
  invitedAt,
}: {
  invitation: Invitation;
  editable: boolean;
  invitedAt: string;
}) {
  const { t } = useTranslation();
  const update = useUpdateInvitation();
  const value = i.attended === null ? "unknown" : i.attended ? "yes" : "no";
  return (
    <Table.Tr data-testid="invitation-row">
      <Table.Td>
        <AnchorLink to="/accounts/$accountId" params={{ accountId: i.accountId }} size="sm">
          {i.accountName}
        </AnchorLink>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{i.contactName ?? i.contactEmail}</Text>
        {i.contactName && (
          <Text size="xs" c="dimmed">
            {i.contactEmail}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="none" color={statusColors[i.status]}>
          {t(`seminars.invitations.statuses.${i.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {editable ? (
          <SegmentedControl
            size="xs"
            value={value}
            data-testid="attendance-toggle"
            onChange={(v) =>
              update.mutate(
                { id: i.id, attended: v === "unknown" ? null : v === "yes" },
                { onError: notifyError },
              )
            }
            data={[
              { value: "yes", label: t("seminars.invitations.attendance.yes") },
              { value: "no", label: t("seminars.invitations.attendance.no") },
              { value: "unknown", label: t("seminars.invitations.attendance.unknown") },
            ]}
          />
        ) : (
          <Text size="sm">{t(`seminars.invitations.attendance.${value}`)}</Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {t(`seminars.invitations.sources.${i.source}`, { defaultValue: i.source })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {invitedAt}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
