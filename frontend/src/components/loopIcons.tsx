// Icons of comments, mentions and notifications (same stroke style as Icons.tsx).
import { Svg } from "./Icons";

type P = Parameters<typeof Svg>[0];

export const Bell = (p: P) => <Svg {...p}><path d="M6 16V11a6 6 0 0112 0v5l1.5 2h-15z" /><path d="M10 20.5a2.2 2.2 0 004 0" /></Svg>;
export const At = (p: P) => <Svg {...p}><circle cx="12" cy="12" r="3.6" /><path d="M15.6 12v1.4a2.6 2.6 0 005.2 0V12a8.8 8.8 0 10-3.5 7" /></Svg>;
export const Chat = (p: P) => <Svg {...p}><path d="M4 5h16v11H9l-5 4z" /></Svg>;
export const ShieldAlert = (p: P) => <Svg {...p}><path d="M12 3l7 3v6c0 4.5-3 7.7-7 9-4-1.3-7-4.5-7-9V6l7-3z" /><path d="M12 8v5M12 16h.01" /></Svg>;
export const Bulb = (p: P) => <Svg {...p}><path d="M9 18h6M10 21h4" /><path d="M12 3a6 6 0 00-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0012 3z" /></Svg>;
