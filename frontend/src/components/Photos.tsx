// Photos of observations: attach one from the phone's camera (with the personal-data warning first),
// see them small on the card and larger in the drawer, remove one (its author or a facilitator).
import { useEffect, useId, useRef, useState } from "react";
import { ApiError, del, errorMessage, upload } from "../api";
import { cardLabel } from "../lib/format";
import type { Card, Photo } from "../types";
import { Svg } from "./Icons";
import "./photos.css";

const MAX_MB = 10;
const Camera = ({ size = 16 }: { size?: number }) => (
  <Svg size={size}><path d="M4 8h3l2-3h6l2 3h3v11H4z" /><circle cx="12" cy="13" r="3.5" /></Svg>
);

/** The alt text of a card's photo: what the card says. */
export function photoAlt(card: Card, index: number): string {
  const n = card.photos?.length ?? 0;
  return `Photo${n > 1 ? ` ${index + 1} of ${n}` : ""} for “${cardLabel(card)}”`;
}

/** A problem the member can act on, in words: too big, not an image, offline. */
function uploadError(err: unknown): string {
  if (err instanceof ApiError && err.status === 413) return `This photo is larger than ${MAX_MB} MB; take it at a lower resolution.`;
  if (err instanceof ApiError && err.status === 422 && err.fields?.photo) return err.message.replace(/^photo: /, "");
  return errorMessage(err);
}

/**
 * "Add photo" on an observation: choose or take a photo, read the personal-data warning, confirm,
 * watch it upload. `onAdded` hears the card the server answered (with its photos).
 */
export function PhotoAttach({ card, onAdded, compact }: { card: Card; onAdded?(card: Card): void; compact?: boolean }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  if (card.kind !== "observation" || card.id.startsWith("tmp-")) return null;

  function chosen(f: File | undefined) {
    setError(null);
    if (!f) return;
    if (f.size > MAX_MB * 1024 * 1024) return setError(`This photo is larger than ${MAX_MB} MB; take it at a lower resolution.`);
    if (f.type && !f.type.startsWith("image/")) return setError("This file is not an image; choose a photo.");
    setFile(f);
  }
  function reset() {
    setFile(null);
    setProgress(null);
    if (input.current) input.current.value = "";
  }
  async function send() {
    if (!file) return;
    const form = new FormData();
    form.append("photo", file, file.name || "photo.jpg");
    form.append("personal_data_confirmed", "true");
    setError(null);
    setProgress(0);
    try {
      const answer = await upload<Card>(`/cards/${card.id}/photos`, form, setProgress);
      reset();
      onAdded?.(answer);
    } catch (err) {
      setProgress(null);
      setError(uploadError(err));
    }
  }
  const label = `Add a photo to “${cardLabel(card)}”`;
  return (
    <div className={`photo-attach ${compact ? "compact" : ""}`}>
      <input ref={input} id={id} type="file" accept="image/*" capture="environment" className="photo-input"
             aria-label={label} onChange={(e) => chosen(e.target.files?.[0])} disabled={progress !== null} />
      {!file && (
        <label htmlFor={id} className="button ghost small photo-button" title={label}>
          <Camera size={15} /> <span>Photo</span>
        </label>
      )}
      {file && (
        <div className="photo-confirm" role="group" aria-label="Check the photo before adding it">
          {preview && <img src={preview} alt="The photo you chose" className="photo-preview" />}
          <div>
            <p className="photo-warning" id={`${id}-warning`}>
              <strong>Personal data?</strong> Check the photo shows no faces, no screens with customer data and no
              documents (letters, IDs, card numbers) — or that they may be kept. Adding it confirms you checked.
            </p>
            {progress === null ? (
              <p className="photo-actions">
                <button type="button" className="button primary small" onClick={send} aria-describedby={`${id}-warning`}>Add photo</button>
                <button type="button" className="button ghost small" onClick={reset}>Cancel</button>
              </p>
            ) : (
              <p className="photo-progress" role="status">
                <progress max={1} value={progress} aria-label="Upload progress" /> Uploading… {Math.round(progress * 100)}%
              </p>
            )}
          </div>
        </div>
      )}
      {error && <p className="form-error photo-error" role="alert">{error}</p>}
    </div>
  );
}

/** A card's photos as small thumbnails (on the board's card face). */
export function PhotoThumbs({ card }: { card: Card }) {
  const photos = card.photos ?? [];
  if (card.kind !== "observation" || photos.length === 0) return null;
  return (
    <p className="photo-thumbs">
      {photos.map((p, i) => (
        <img key={p.id} src={p.thumb_url} alt={photoAlt(card, i)} loading="lazy" className="photo-thumb" />
      ))}
    </p>
  );
}

/** A card's photos, larger (the drawer): each opens full size; removable by `canRemove` with a confirmation. */
export function PhotoGallery({ card, canRemove, onChanged }: { card: Card; canRemove(photo: Photo): boolean; onChanged?(card: Card): void }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const photos = card.photos ?? [];
  if (card.kind !== "observation" || photos.length === 0) return null;
  async function remove(photo: Photo) {
    setError(null);
    try {
      const updated = await del<Card>(photo.url.replace(/^\/api\/v1/, ""));
      onChanged?.(updated);
      setAsking(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <section className="drawer-section photo-gallery" aria-label="Photos">
      <ul>
        {photos.map((p, i) => (
          <li key={p.id}>
            <a href={p.url} target="_blank" rel="noreferrer"><img src={p.thumb_url} alt={photoAlt(card, i)} className="photo-large" /></a>
            <span className="muted tiny">{p.created_by ? `Added by ${p.created_by.name}` : "Added"}</span>
            {canRemove(p) && (asking === p.id ? (
              <span className="photo-actions" role="group" aria-label="Remove this photo?">
                <span className="small">Remove this photo?</span>
                <button type="button" className="button danger small" onClick={() => remove(p)}>Remove</button>
                <button type="button" className="button ghost small" onClick={() => setAsking(null)}>Keep</button>
              </span>
            ) : (
              <button type="button" className="button ghost small" onClick={() => setAsking(p.id)}
                      aria-label={`Remove ${photoAlt(card, i).replace(/^Photo/, "photo")}`}>Remove</button>
            ))}
          </li>
        ))}
      </ul>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
