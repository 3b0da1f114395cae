// The code a customer's developers paste to send usage events to this Embark: Node, browser and curl.
export type SnippetText = {
  user: string;
  group: string;
  company: string;
  event: string;
  install: (pkg: string) => string;
  groupComment: string;
  trackComment: string;
  flushComment: string;
  settingsComment: string;
};

const js = (value: string) => JSON.stringify(value);

export function nodeSnippet(origin: string, writeKey: string, x: SnippetText): string {
  return `// ${x.install("@segment/analytics-node")}
import { Analytics } from "@segment/analytics-node";

const analytics = new Analytics({
  writeKey: ${js(writeKey)},
  host: ${js(origin)},
});

// ${x.groupComment}
analytics.group({
  userId: ${js(x.user)},
  groupId: ${js(x.group)},
  traits: { name: ${js(x.company)} },
});

// ${x.trackComment}
analytics.track({
  userId: ${js(x.user)},
  event: ${js(x.event)},
  context: { groupId: ${js(x.group)} },
});

// ${x.flushComment}
await analytics.closeAndFlush();
`;
}

/** analytics.js 2.0 from npm: apiHost is "host[:port]/v1" and the protocol is given apart, as Segment documents. */
export function browserSnippet(origin: string, writeKey: string, x: SnippetText): string {
  const url = new URL(origin);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return `// ${x.install("@segment/analytics-next")}
import { AnalyticsBrowser } from "@segment/analytics-next";

const writeKey = ${js(writeKey)};
export const analytics = AnalyticsBrowser.load(
  {
    writeKey,
    // ${x.settingsComment}
    cdnSettings: { integrations: { "Segment.io": { apiKey: writeKey } } },
  },
  {
    integrations: {
      "Segment.io": { apiHost: ${js(`${url.host}/v1`)}, protocol: ${js(protocol)} },
    },
  },
);

// ${x.groupComment}
analytics.identify(${js(x.user)});
analytics.group(${js(x.group)}, { name: ${js(x.company)} });

// ${x.trackComment}
analytics.track(${js(x.event)});
`;
}

export function curlSnippet(origin: string, writeKey: string, x: SnippetText): string {
  const body = JSON.stringify({ userId: x.user, event: x.event, context: { groupId: x.group } }, null, 2);
  return `curl -X POST ${shellQuote(`${origin}/v1/track`)} \\
  -u ${shellQuote(`${writeKey}:`)} \\
  -H 'Content-Type: application/json' \\
  -d ${shellQuote(body)}
`;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
