import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndBody));
  return Buffer.concat([length, typeAndBody, crc]);
}

/** Encodes a BGRA bitmap (Electron's bitmap layout) as an RGBA PNG. */
function encodePng(bgra: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const rowStart = y * (width * 4 + 1);
    for (let x = 0; x < width; x += 1) {
      const source = (y * width + x) * 4;
      const target = rowStart + 1 + x * 4;
      rows[target] = bgra[source + 2] ?? 0;
      rows[target + 1] = bgra[source + 1] ?? 0;
      rows[target + 2] = bgra[source] ?? 0;
      rows[target + 3] = bgra[source + 3] ?? 0;
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `NativeImage` for PNG files and BGRA bitmaps (what Linux apps use for tray and window icons). Other formats
 * (JPEG, ICO, SVG) give an empty image here; Electron would decode JPEG. Images are not resized or cropped.
 */
export class NativeImageDouble {
  private templateImage = false;

  private constructor(
    private readonly png: Buffer | null,
    private readonly size: { width: number; height: number },
    /** The file it was created from, for the harness's records. */
    readonly sourcePath: string | null,
  ) {}

  static createEmpty(): NativeImageDouble {
    return new NativeImageDouble(null, { width: 0, height: 0 }, null);
  }

  static createFromPath(path: string): NativeImageDouble {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return new NativeImageDouble(null, { width: 0, height: 0 }, path);
    }
    const size = pngSize(data);
    return size === undefined
      ? new NativeImageDouble(null, { width: 0, height: 0 }, path)
      : new NativeImageDouble(data, size, path);
  }

  static createFromBuffer(
    buffer: Buffer,
    options: { width?: number; height?: number; scaleFactor?: number } = {},
  ): NativeImageDouble {
    const size = pngSize(buffer);
    if (size !== undefined) return new NativeImageDouble(Buffer.from(buffer), size, null);
    const { width, height } = options;
    if (
      width !== undefined &&
      height !== undefined &&
      width > 0 &&
      height > 0 &&
      buffer.length >= width * height * 4
    ) {
      return new NativeImageDouble(encodePng(buffer, width, height), { width, height }, null);
    }
    return NativeImageDouble.createEmpty();
  }

  static createFromBitmap(
    buffer: Buffer,
    options: { width: number; height: number; scaleFactor?: number },
  ): NativeImageDouble {
    if (buffer.length < options.width * options.height * 4) throw new Error('Invalid buffer size');
    return new NativeImageDouble(
      encodePng(buffer, options.width, options.height),
      { width: options.width, height: options.height },
      null,
    );
  }

  static createFromDataURL(dataUrl: string): NativeImageDouble {
    const match = /^data:image\/png;base64,(.*)$/s.exec(dataUrl);
    return match === null
      ? NativeImageDouble.createEmpty()
      : NativeImageDouble.createFromBuffer(Buffer.from(match[1], 'base64'));
  }

  isEmpty(): boolean {
    return this.png === null;
  }

  getSize(_scaleFactor?: number): { width: number; height: number } {
    return { ...this.size };
  }

  getAspectRatio(_scaleFactor?: number): number {
    return this.size.height === 0 ? 1 : this.size.width / this.size.height;
  }

  getScaleFactors(): number[] {
    return this.png === null ? [] : [1];
  }

  toPNG(): Buffer {
    return this.png === null ? Buffer.alloc(0) : Buffer.from(this.png);
  }

  toDataURL(): string {
    return this.png === null
      ? 'data:image/png;base64,'
      : `data:image/png;base64,${this.png.toString('base64')}`;
  }

  setTemplateImage(option: boolean): void {
    this.templateImage = option;
  }

  isTemplateImage(): boolean {
    return this.templateImage;
  }

  get isMacTemplateImage(): boolean {
    return this.templateImage;
  }

  set isMacTemplateImage(value: boolean) {
    this.templateImage = value;
  }
}

export const nativeImage = {
  createEmpty: () => NativeImageDouble.createEmpty(),
  createFromPath: (path: string) => NativeImageDouble.createFromPath(path),
  createFromBuffer: (buffer: Buffer, options?: { width?: number; height?: number; scaleFactor?: number }) =>
    NativeImageDouble.createFromBuffer(buffer, options),
  createFromBitmap: (buffer: Buffer, options: { width: number; height: number; scaleFactor?: number }) =>
    NativeImageDouble.createFromBitmap(buffer, options),
  createFromDataURL: (dataUrl: string) => NativeImageDouble.createFromDataURL(dataUrl),
};

/** Accepts what Electron APIs accept for an image: a NativeImage or a file path. */
export function toNativeImage(image: NativeImageDouble | string): NativeImageDouble {
  return typeof image === 'string' ? NativeImageDouble.createFromPath(image) : image;
}
