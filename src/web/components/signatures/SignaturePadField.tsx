import { Button, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

interface Props {
  /** the drawing as a PNG data URL, or null while the pad is empty */
  onChange: (dataUrl: string | null) => void;
  error?: string | null;
}

/**
 * A handwritten signature drawn with a finger or the mouse. The canvas takes the width of its box
 * at the screen's pixel ratio and is redrawn from its strokes whenever the box changes size (a
 * phone turned, the dialog opened), so a resize neither blurs nor loses the signature.
 */
export function SignaturePadField({ onChange, error }: Props) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePad(canvas, { penColor: '#1a1a5a', minWidth: 1, maxWidth: 3 });
    padRef.current = pad;
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const width = canvas.offsetWidth * ratio;
      const height = canvas.offsetHeight * ratio;
      if (width === 0 || (canvas.width === width && canvas.height === height)) return;
      const strokes = pad.toData();
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d')!.scale(ratio, ratio);
      pad.fromData(strokes);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(canvas);
    fit();
    const ended = () => onChange(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', ended);
      pad.off();
    };
  }, [onChange]);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  return (
    <div className="signature-pad-field">
      <div className="signature-pad-head">
        <Typography.Text type="secondary">{t('signing.drawHint')}</Typography.Text>
        <Button size="small" onClick={clear} data-testid="signature-clear">
          {t('signing.clearPad')}
        </Button>
      </div>
      <canvas
        ref={canvasRef}
        className={`signature-pad${error ? ' signature-pad-error' : ''}`}
        data-testid="signature-pad"
        aria-label={t('signing.draw')}
      />
      {error && (
        <Typography.Text type="danger" data-testid="signature-pad-error">
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
