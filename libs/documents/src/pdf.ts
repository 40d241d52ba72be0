import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * A small builder over pdfkit for the platform's printable documents (certificates, decisions, reports).
 *
 * Text is set in DejaVu Sans (regular and bold, embedded and subset), which covers Vietnamese with all its
 * diacritics as well as symbols such as ★; pdfkit's standard 14 fonts cover Latin-1 only. The fonts come
 * from the `dejavu-fonts-ttf` package, located with `require.resolve`, so they are found from any working
 * directory, from the TypeScript sources (jest) and from the built `dist/` alike.
 *
 * Output is deterministic for the same input: the document's creation date comes from the caller, and
 * pdfkit derives the file id and the font subset tags from the content.
 */

/** Names under which the builder registers its fonts with pdfkit (`builder.doc.font(PDF_FONT.bold)`). */
export const PDF_FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;
export type PdfFontWeight = keyof typeof PDF_FONT;

/** Where the embedded fonts are read from. */
export function dejavuFontFiles(): Record<PdfFontWeight, string> {
  return {
    regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  };
}

let fontData: Record<PdfFontWeight, Buffer> | undefined;
/** The font files, read once per process (≈ 1.4 MB), then subset into each document. */
function loadFonts(): Record<PdfFontWeight, Buffer> {
  if (!fontData) {
    const files = dejavuFontFiles();
    fontData = { regular: readFileSync(files.regular), bold: readFileSync(files.bold) };
  }
  return fontData;
}

/** 1 cm in PDF points. */
export const CM = 72 / 2.54;

export type PdfAlign = 'left' | 'center' | 'right' | 'justify';

export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  keywords?: readonly string[];
  /** Written as the document's CreationDate; fixed by the caller so that output is reproducible. */
  creationDate: Date;
}

export interface PdfBuilderOptions {
  metadata: PdfMetadata;
  /** A4 either way; portrait by default. */
  layout?: 'portrait' | 'landscape';
  /** Page margin in points, all four sides; 2 cm by default. */
  margin?: number;
  /** Body text size in points; 11 by default. */
  fontSize?: number;
  /** The document's language (Catalog /Lang); `vi-VN` by default. */
  language?: string;
}

export interface PdfTextStyle {
  size?: number;
  bold?: boolean;
  align?: PdfAlign;
  /** Any colour pdfkit takes: `#c8102e`, `black`. */
  color?: string;
  /** Synthetic italic (DejaVu's oblique faces are not embedded). */
  oblique?: boolean;
  underline?: boolean;
  /** Space below the text, in points. */
  gapAfter?: number;
}

export interface PdfBox {
  x: number;
  y: number;
  width: number;
}

export interface PdfLabelledRowOptions {
  /** Left edge of the row; the text area's by default. */
  x?: number;
  /** Width of label and value together; the text area's by default. */
  width?: number;
  /** Width of the label column; 30 % of the row by default. */
  labelWidth?: number;
  size?: number;
  /** Space below the row, in points; 3 by default. */
  gapAfter?: number;
}

export interface PdfTableColumn {
  header: string;
  /** Share of the table's width, relative to the other columns (1 by default). */
  weight?: number;
  align?: 'left' | 'center' | 'right';
}

export interface PdfTableOptions {
  fontSize?: number;
  /** Fill of the header row; a light grey by default. */
  headerFill?: string;
  /** Cell padding in points; 4 by default. */
  padding?: number;
  /** Space below the table, in points; 8 by default. */
  gapAfter?: number;
}

export class PdfBuilder {
  /** The underlying pdfkit document, for drawing the builder has no helper for. */
  readonly doc: PDFKit.PDFDocument;
  private readonly fontSize: number;
  private footerText: string | undefined;
  private rendered: Promise<Buffer> | undefined;

  constructor(options: PdfBuilderOptions) {
    const { metadata } = options;
    if (Number.isNaN(metadata.creationDate.getTime())) {
      throw new RangeError('metadata.creationDate is not a valid date');
    }
    const margin = options.margin ?? 2 * CM;
    this.fontSize = options.fontSize ?? 11;
    const fonts = loadFonts();
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.layout ?? 'portrait',
      margin,
      bufferPages: true,
      displayTitle: true,
      lang: options.language ?? 'vi-VN',
      info: {
        Title: metadata.title,
        Author: metadata.author,
        ...(metadata.subject !== undefined ? { Subject: metadata.subject } : {}),
        ...(metadata.keywords !== undefined ? { Keywords: metadata.keywords.join(', ') } : {}),
        Creator: 'OCOP platform',
        CreationDate: metadata.creationDate,
      },
    });
    this.doc.registerFont(PDF_FONT.regular, fonts.regular);
    this.doc.registerFont(PDF_FONT.bold, fonts.bold);
    this.useFont('regular', this.fontSize);
  }

  get pageWidth(): number {
    return this.doc.page.width;
  }

  get pageHeight(): number {
    return this.doc.page.height;
  }

  /** Left edge of the text area. */
  get left(): number {
    return this.doc.page.margins.left;
  }

  /** Width of the text area between the margins. */
  get contentWidth(): number {
    const { margins, width } = this.doc.page;
    return width - margins.left - margins.right;
  }

  /** Lowest y that content may reach on the current page. */
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Current vertical position. */
  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  useFont(weight: PdfFontWeight, size: number = this.fontSize): this {
    this.doc.font(PDF_FONT[weight]).fontSize(size);
    return this;
  }

  /** A centred bold heading. */
  title(text: string, style: PdfTextStyle = {}): this {
    return this.text(text, { size: this.fontSize + 5, bold: true, align: 'center', gapAfter: 6, ...style });
  }

  /** A centred line in the body size. */
  centred(text: string, style: PdfTextStyle = {}): this {
    return this.text(text, { align: 'center', ...style });
  }

  /** A paragraph across the text area, wrapped; starts a new page when needed. */
  text(text: string, style: PdfTextStyle = {}): this {
    this.applyStyle(style);
    const width = this.contentWidth;
    const options = this.textOptions(style, width);
    this.ensureSpace(this.doc.heightOfString(text, options));
    this.doc.text(text, this.left, this.doc.y, options);
    this.doc.x = this.left;
    this.doc.y += style.gapAfter ?? 0;
    this.doc.fillColor('black');
    return this;
  }

  /**
   * Text in a box at a fixed position (no page break); returns the height it took. Leaves the
   * builder's current position unchanged.
   */
  textAt(text: string, box: PdfBox, style: PdfTextStyle = {}): number {
    const { x: savedX, y: savedY } = this.doc;
    this.applyStyle(style);
    const options = this.textOptions(style, box.width);
    const height = this.doc.heightOfString(text, options);
    this.doc.text(text, box.x, box.y, options);
    this.doc.fillColor('black');
    this.doc.x = savedX;
    this.doc.y = savedY;
    return height;
  }

  /** Width of a single line of text in the given style, in points. */
  widthOf(text: string, style: Pick<PdfTextStyle, 'size' | 'bold'> = {}): number {
    this.useFont(style.bold ? 'bold' : 'regular', style.size ?? this.fontSize);
    return this.doc.widthOfString(text);
  }

  /** Height of text wrapped to `width`, in the given style, in points. */
  heightOf(text: string, width: number, style: Pick<PdfTextStyle, 'size' | 'bold'> = {}): number {
    this.useFont(style.bold ? 'bold' : 'regular', style.size ?? this.fontSize);
    return this.doc.heightOfString(text, { width });
  }

  /**
   * A label (bold) and its value side by side; the value wraps in its column. By default across the text
   * area, the label taking 30 % of it.
   */
  labelledRow(label: string, value: string, options: PdfLabelledRowOptions = {}): this {
    const x = options.x ?? this.left;
    const width = options.width ?? this.contentWidth;
    const size = options.size ?? this.fontSize;
    const labelWidth = options.labelWidth ?? Math.round(width * 0.3);
    const valueWidth = width - labelWidth;
    this.useFont('bold', size);
    const labelHeight = this.doc.heightOfString(label, { width: labelWidth - 6 });
    this.useFont('regular', size);
    const valueHeight = this.doc.heightOfString(value, { width: valueWidth });
    const height = Math.max(labelHeight, valueHeight);
    this.ensureSpace(height);
    const y = this.doc.y;
    this.textAt(label, { x, y, width: labelWidth - 6 }, { bold: true, size });
    this.textAt(value, { x: x + labelWidth, y, width: valueWidth }, { size });
    this.doc.y = y + height + (options.gapAfter ?? 3);
    return this;
  }

  labelledRows(rows: readonly (readonly [label: string, value: string])[], options: PdfLabelledRowOptions = {}): this {
    for (const [label, value] of rows) {
      this.labelledRow(label, value, options);
    }
    return this;
  }

  /**
   * A ruled table across the text area: bold header row on a grey fill, cells wrapped in their column, the
   * header repeated on each new page.
   */
  table(columns: readonly PdfTableColumn[], rows: readonly (readonly string[])[], options: PdfTableOptions = {}): this {
    if (columns.length === 0) {
      throw new RangeError('a table needs at least one column');
    }
    const size = options.fontSize ?? this.fontSize - 1;
    const padding = options.padding ?? 4;
    const totalWeight = columns.reduce((sum, column) => sum + (column.weight ?? 1), 0);
    const widths = columns.map((column) => (this.contentWidth * (column.weight ?? 1)) / totalWeight);

    const drawRow = (cells: readonly string[], header: boolean): void => {
      this.useFont(header ? 'bold' : 'regular', size);
      const heights = columns.map(
        (_, i) => this.doc.heightOfString(cells[i] ?? '', { width: (widths[i] ?? 0) - 2 * padding }) + 2 * padding,
      );
      const rowHeight = Math.max(...heights);
      if (this.doc.y + rowHeight > this.bottom) {
        this.doc.addPage();
        if (!header) {
          drawRow(
            columns.map((column) => column.header),
            true,
          );
          this.useFont('regular', size);
        }
      }
      const y = this.doc.y;
      let x = this.left;
      columns.forEach((column, i) => {
        const width = widths[i] ?? 0;
        if (header) {
          this.doc
            .rect(x, y, width, rowHeight)
            .fill(options.headerFill ?? '#e6e6e6')
            .fillColor('black');
        }
        this.doc.lineWidth(0.5).rect(x, y, width, rowHeight).stroke('black');
        this.doc.text(cells[i] ?? '', x + padding, y + padding, {
          width: width - 2 * padding,
          align: header ? 'center' : (column.align ?? 'left'),
        });
        x += width;
      });
      this.doc.x = this.left;
      this.doc.y = y + rowHeight;
    };

    drawRow(
      columns.map((column) => column.header),
      true,
    );
    for (const row of rows) {
      drawRow(row, false);
    }
    this.doc.y += options.gapAfter ?? 8;
    this.useFont('regular');
    return this;
  }

  /** A PNG or JPEG image; at the given position, or at the current one (then moves below it). */
  image(data: Buffer, box: { width: number; height?: number; x?: number; y?: number }): this {
    const height = box.height ?? box.width;
    if (box.x !== undefined && box.y !== undefined) {
      this.doc.image(data, box.x, box.y, { width: box.width, height });
      return this;
    }
    this.ensureSpace(height);
    const x = box.x ?? this.left;
    const y = this.doc.y;
    this.doc.image(data, x, y, { width: box.width, height });
    this.doc.x = this.left;
    this.doc.y = y + height;
    return this;
  }

  /** Vertical space, in points. */
  space(points: number): this {
    this.doc.y += points;
    return this;
  }

  /** Starts a new page when fewer than `height` points are left on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottom) {
      this.doc.addPage();
    }
    return this;
  }

  /**
   * A line printed at the bottom of every page, with "Trang i/n" (page i of n) on the right; drawn when
   * the document is rendered, once the page count is known.
   */
  footer(text: string): this {
    this.footerText = text;
    return this;
  }

  /** Finishes the document; the builder cannot be drawn on afterwards. Repeated calls return the same PDF. */
  toBuffer(): Promise<Buffer> {
    this.rendered ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.drawFooters();
      this.doc.end();
    });
    return this.rendered;
  }

  private drawFooters(): void {
    const text = this.footerText;
    const { start, count } = this.doc.bufferedPageRange();
    if (text === undefined) {
      return;
    }
    const size = Math.max(7, this.fontSize - 3);
    for (let i = start; i < start + count; i += 1) {
      this.doc.switchToPage(i);
      const { margins, height } = this.doc.page;
      const savedBottom = margins.bottom;
      // Below the bottom margin pdfkit would start a new page: lift the margin while writing there.
      margins.bottom = 0;
      const y = height - savedBottom / 2 - size / 2;
      const box = { x: this.left, y, width: this.contentWidth };
      this.doc
        .lineWidth(0.5)
        .moveTo(this.left, y - 4)
        .lineTo(this.left + this.contentWidth, y - 4)
        .stroke('#888888');
      this.textAt(text, { ...box, width: box.width * 0.8 }, { size, color: '#444444' });
      this.textAt(`Trang ${i - start + 1}/${count}`, box, { size, align: 'right', color: '#444444' });
      margins.bottom = savedBottom;
    }
  }

  private applyStyle(style: PdfTextStyle): void {
    this.useFont(style.bold ? 'bold' : 'regular', style.size ?? this.fontSize);
    this.doc.fillColor(style.color ?? 'black');
  }

  private textOptions(style: PdfTextStyle, width: number): PDFKit.Mixins.TextOptions {
    return {
      width,
      align: style.align ?? 'left',
      ...(style.oblique ? { oblique: true } : {}),
      ...(style.underline ? { underline: true } : {}),
    };
  }
}
