import { Badge, Card, Skeleton, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../platform/format";
import { segmentRuleVersionsQuery } from "./segmentation-api";

export function SegmentRuleVersions() {
  const { t } = useTranslation();
  const f = useFormatters();
  const versions = useQuery(segmentRuleVersionsQuery);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="segment-rule-versions">
      <Title order={2} size="h5" mb="sm">
        {t("rules.versions")}
      </Title>
      {!versions.data ? (
        <Skeleton height={60} />
      ) : versions.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("rules.noVersions")}
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rules.version")}</Table.Th>
              <Table.Th>{t("rules.rulesCount")}</Table.Th>
              <Table.Th>{t("rules.savedBy")}</Table.Th>
              <Table.Th>{t("rules.savedAt")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.data.items.map((v, i) => (
              <Table.Tr key={v.version}>
                <Table.Td>
                  v{v.version}{" "}
                  {i === 0 && (
                    <Badge size="xs" variant="light" tt="none" ml={4}>
                      {t("rules.inForce")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{v.definition.rules.length}</Table.Td>
                <Table.Td>{v.createdBy?.name ?? "—"}</Table.Td>
                <Table.Td>{f.dateTime(v.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
