// Inline SVG icons (no icon font, no emoji: they render the same everywhere).
import type { SVGProps } from "react";

type P = SVGProps<SVGSVGElement> & { size?: number };

export function Svg({ size = 16, children, ...rest }: P) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2}
         strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {children}
    </svg>
  );
}

export const Shield = (p: P) => <Svg {...p}><path d="M12 3l7 3v6c0 4.5-3 7.7-7 9-4-1.3-7-4.5-7-9V6l7-3z" /><path d="M9 12l2 2 4-4" /></Svg>;
export const Coins = (p: P) => <Svg {...p}><ellipse cx="9" cy="7" rx="6" ry="3" /><path d="M3 7v5c0 1.7 2.7 3 6 3s6-1.3 6-3V7" /><path d="M9 15v2c0 1.7 2.7 3 6 3s6-1.3 6-3v-5c0-1.6-2.4-2.9-5.5-3" /></Svg>;
export const Book = (p: P) => <Svg {...p}><path d="M4 5a2 2 0 012-2h13v16H6a2 2 0 00-2 2V5z" /><path d="M4 19a2 2 0 012-2h13" /><path d="M9 7h6" /></Svg>;
export const Plus = (p: P) => <Svg {...p}><path d="M12 5v14M5 12h14" /></Svg>;
export const Trash = (p: P) => <Svg {...p}><path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" /></Svg>;
export const Pencil = (p: P) => <Svg {...p}><path d="M4 20h4L19 9l-4-4L4 16v4z" /><path d="M13.5 6.5l4 4" /></Svg>;
export const LinkIcon = (p: P) => <Svg {...p}><path d="M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1" /><path d="M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1" /></Svg>;
export const Close = (p: P) => <Svg {...p}><path d="M6 6l12 12M18 6L6 18" /></Svg>;
export const Check = (p: P) => <Svg {...p}><path d="M5 12l5 5 9-10" /></Svg>;
export const Offline = (p: P) => <Svg {...p}><path d="M3 3l18 18" /><path d="M8.5 16.4a5 5 0 017 0M5 12.9a10 10 0 014.2-2.6M14.8 10.3A10 10 0 0119 12.9M2 9.3a15 15 0 014.4-2.8M11 5.1A15 15 0 0122 9.3" /><path d="M12 20h.01" /></Svg>;
export const Grip = (p: P) => <Svg {...p} strokeWidth={0} fill="currentColor"><circle cx="9" cy="6" r="1.6" /><circle cx="15" cy="6" r="1.6" /><circle cx="9" cy="12" r="1.6" /><circle cx="15" cy="12" r="1.6" /><circle cx="9" cy="18" r="1.6" /><circle cx="15" cy="18" r="1.6" /></Svg>;
export const Eye = (p: P) => <Svg {...p}><path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" /><circle cx="12" cy="12" r="3" /></Svg>;
export const Inbox = (p: P) => <Svg {...p}><path d="M3 13l3-8h12l3 8v6H3v-6z" /><path d="M3 13h5l1 3h6l1-3h5" /></Svg>;
export const Grid = (p: P) => <Svg {...p}><rect x="4" y="4" width="7" height="7" rx="1.5" /><rect x="13" y="4" width="7" height="7" rx="1.5" /><rect x="4" y="13" width="7" height="7" rx="1.5" /><rect x="13" y="13" width="7" height="7" rx="1.5" /></Svg>;
export const Search = (p: P) => <Svg {...p}><circle cx="11" cy="11" r="6.5" /><path d="M20 20l-4.2-4.2" /></Svg>;
export const Library = (p: P) => <Svg {...p}><path d="M5 4h3v16H5zM10 4h3v16h-3z" /><path d="M15.5 5.2l2.9-.8 3.6 15.4-2.9.8z" /></Svg>;
export const Calendar = (p: P) => <Svg {...p}><rect x="4" y="5" width="16" height="15" rx="2" /><path d="M4 10h16M9 3v4M15 3v4" /></Svg>;
export const Download = (p: P) => <Svg {...p}><path d="M12 4v11M7 10l5 5 5-5" /><path d="M5 20h14" /></Svg>;
export const Chevron = (p: P & { dir?: "left" | "right" | "down" }) => {
  const { dir = "down", ...rest } = p;
  return <Svg {...rest}><path d={dir === "left" ? "M15 6l-6 6 6 6" : dir === "right" ? "M9 6l6 6-6 6" : "M6 9l6 6 6-6"} /></Svg>;
};
export const Report = (p: P) => <Svg {...p}><path d="M6 3h9l4 4v14H6z" /><path d="M14 3v5h5" /><path d="M9 17v-3M12 17v-5M15 17v-2" /></Svg>;
export const Mic = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="3.2" fill="currentColor" /><circle cx="12" cy="12" r="8" /></Svg>;
export const Panel = (p: P) => <Svg {...p}><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M15 4v16" /></Svg>;
export const Arrow = (p: P) => <Svg {...p}><path d="M5 12h14M13 6l6 6-6 6" /></Svg>;
export const Back = (p: P) => <Svg {...p}><path d="M19 12H5M11 18l-6-6 6-6" /></Svg>;
export const Undo = (p: P) => <Svg {...p}><path d="M9 14L4 9l5-5" /><path d="M4 9h11a5 5 0 010 10h-3" /></Svg>;
export const Flask = (p: P) => <Svg {...p}><path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 006 21h12a1.7 1.7 0 001.5-2.5L14 9V3" /><path d="M7 15h10" /></Svg>;
export const Note = (p: P) => <Svg {...p}><path d="M5 4h14v11l-5 5H5z" /><path d="M14 20v-5h5" /></Svg>;
export const Clock = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></Svg>;
export const Bell = (p: P) => <Svg {...p}><path d="M6 16V11a6 6 0 0112 0v5l1.5 2h-15z" /><path d="M10 20.5a2.2 2.2 0 004 0" /></Svg>;
export const At = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="3.6" /><path d="M15.6 12v1.4a2.6 2.6 0 005.2 0V12a8.8 8.8 0 10-3.5 7" /></Svg>;
export const Chat = (p: P) => <Svg {...p}><path d="M4 5h16v11H9l-5 4z" /></Svg>;
export const ShieldAlert = (p: P) => <Svg {...p}><path d="M12 3l7 3v6c0 4.5-3 7.7-7 9-4-1.3-7-4.5-7-9V6l7-3z" /><path d="M12 8v5M12 16h.01" /></Svg>;
export const Bulb = (p: P) => <Svg {...p}><path d="M9 18h6M10 21h4" /><path d="M12 3a6 6 0 00-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0012 3z" /></Svg>;
export const Gear = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="6" /><circle cx="12" cy="12" r="2.4" /><path d="M17.5 14.3L20.3 15.4M14.3 17.5L15.4 20.3M9.7 17.5L8.6 20.3M6.5 14.3L3.7 15.4M6.5 9.7L3.7 8.6M9.7 6.5L8.6 3.7M14.3 6.5L15.4 3.7M17.5 9.7L20.3 8.6" strokeWidth={3.2} strokeLinecap="butt" /></Svg>;
export const Mail = (p: P) => <Svg {...p}><rect x="3" y="5" width="18" height="14" rx="2" /><path d="M3.5 6.5l8.5 6.5 8.5-6.5" /></Svg>;
export const UserPlus = (p: P) => <Svg {...p}><circle cx="9" cy="8" r="3.6" /><path d="M2.5 20a6.5 6.5 0 0113 0" /><path d="M19 8v6M16 11h6" /></Svg>;
export const Copy = (p: P) => <Svg {...p}><rect x="8" y="8" width="12" height="12" rx="2" /><path d="M16 8V6a2 2 0 00-2-2H6a2 2 0 00-2 2v8a2 2 0 002 2h2" /></Svg>;
export const Send = (p: P) => <Svg {...p}><path d="M21 3L10 14" /><path d="M21 3l-7 18-4-7-7-4z" /></Svg>;
export const Circle = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="8" /></Svg>;
export const Leave = (p: P) => <Svg {...p}><path d="M14 4h5v16h-5" /><path d="M10 16l-4-4 4-4M6 12h10" /></Svg>;
