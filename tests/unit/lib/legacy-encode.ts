/**
 * Encodes text into a single-byte code page by inverting the platform's decoder: Node's
 * TextEncoder writes UTF-8 only, and the tests need files as Russian Excel and old systems
 * save them.
 */
export function encodeSingleByte(text: string, encoding: 'windows-1251' | 'koi8-r' | 'ibm866' | 'windows-1252'): Buffer {
  const decoder = new TextDecoder(encoding);
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(new Uint8Array([byte]));
    if (!byteOf.has(char)) byteOf.set(char, byte);
  }
  return Buffer.from(
    [...text].map((char) => {
      const byte = byteOf.get(char);
      if (byte === undefined) throw new Error(`${encoding} has no «${char}»`);
      return byte;
    }),
  );
}

/** UTF-16 little-endian with its BOM, as Excel's «Unicode text» saves. */
export function encodeUtf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
