/** The part of heic-decode (2.x, which ships no types) that photos use. */
declare module 'heic-decode' {
  interface DecodedHeic {
    width: number;
    height: number;
    /** RGBA, 4 bytes a pixel, rows top to bottom. */
    data: Uint8ClampedArray;
  }
  /** One top-level image, read from the container but not yet decoded. */
  interface HeicImage {
    width: number;
    height: number;
    decode(): Promise<DecodedHeic>;
  }
  interface HeicDecode {
    (input: { buffer: Uint8Array | ArrayBuffer }): Promise<DecodedHeic>;
    /** Parses the container only; each image decodes on request. dispose() frees libheif's memory. */
    all(input: { buffer: Uint8Array | ArrayBuffer }): Promise<HeicImage[] & { dispose(): void }>;
  }
  const decode: HeicDecode;
  export default decode;
}
