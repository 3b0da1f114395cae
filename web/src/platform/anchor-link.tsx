// A Mantine Anchor that is a typed TanStack Router link (route params checked by TypeScript).
import { Anchor, type AnchorProps } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { type ComponentPropsWithoutRef, forwardRef } from "react";

const RouterAnchor = forwardRef<HTMLAnchorElement, AnchorProps & ComponentPropsWithoutRef<"a">>(
  (props, ref) => <Anchor ref={ref} {...props} />,
);

export const AnchorLink = createLink(RouterAnchor);
