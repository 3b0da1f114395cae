import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconPencil, IconPlus, IconTrash, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../platform/notify";
import type { Contact } from "../platform/types";
import { useDeleteContact } from "./accounts-api";
import { ContactFormModal } from "./contact-form-modal";

const roleColors: Record<string, string> = {
  decision_maker: "violet",
  champion: "teal",
  admin: "blue",
  end_user: "gray",
};

type Props = { accountId: string; contacts: Contact[] | undefined; editable: boolean };

export function ContactsCard({ accountId, contacts, editable }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const remove = useDeleteContact();

  return (
    <Card withBorder radius="md" padding="lg" data-testid="account-contacts">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h5">
          {t("contacts.title")}
        </Title>
        {editable && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing("new")}
            data-testid="contact-add"
          >
            {t("contacts.add")}
          </Button>
        )}
      </Group>

      {contacts === undefined ? (
        <Skeleton height={90} />
      ) : contacts.length === 0 ? (
        <Stack align="center" gap={6} py="lg">
          <IconUsers size={32} stroke={1.5} color="var(--mantine-color-gray-5)" />
          <Text size="sm" c="dimmed" ta="center">
            {t("contacts.empty")}
          </Text>
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="contacts-table" verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("contacts.name")}</Table.Th>
                <Table.Th>{t("contacts.email")}</Table.Th>
                <Table.Th>{t("contacts.role")}</Table.Th>
                <Table.Th>{t("contacts.literacy")}</Table.Th>
                {editable && <Table.Th w={90} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.map((c) => (
                <Table.Tr key={c.id} data-testid="contacts-row">
                  <Table.Td fw={500}>{c.name ?? "—"}</Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                      {c.email}
                    </Text>
                    {c.unsubscribedAt && (
                      <Badge
                        size="xs"
                        variant="light"
                        color="gray"
                        tt="none"
                        data-testid="contact-unsubscribed"
                      >
                        {t("mail.contact.unsubscribed")}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.role ? (
                      <Badge variant="light" color={roleColors[c.role] ?? "gray"} tt="none">
                        {t(`contactRoles.${c.role}`)}
                      </Badge>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>{c.literacy ? t(`literacy.${c.literacy}`) : "—"}</Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Tooltip label={t("common.edit")}>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("contacts.editNamed", { name: c.name ?? c.email })}
                            onClick={() => setEditing(c)}
                            data-testid="contact-edit"
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t("common.delete")}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("contacts.deleteNamed", { name: c.name ?? c.email })}
                            onClick={() => setDeleting(c)}
                            data-testid="contact-delete"
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <ContactFormModal
        accountId={accountId}
        contact={editing === "new" ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />

      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("contacts.deleteTitle")}
        centered
      >
        <Stack>
          <Text size="sm">{t("contacts.deleteBody", { name: deleting?.name ?? deleting?.email ?? "" })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t("common.cancel")}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              data-testid="contact-delete-confirm"
              onClick={() =>
                deleting &&
                remove.mutate(deleting.id, {
                  onSuccess: () => {
                    notifySuccess(t("contacts.deleted"));
                    setDeleting(null);
                  },
                })
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
