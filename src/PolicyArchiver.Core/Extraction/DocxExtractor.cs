using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Text of a Word (.docx) document in the same shape as the HTML extraction: headings as
/// <c># …</c>, list items with their number (<c>2.1. …</c>) or <c>- </c>, table rows as
/// <c>a | b</c>, one paragraph per line. Page headers and footers, comments and deleted
/// revisions are not part of the text; inserted revisions are.
/// </summary>
internal static partial class DocxExtractor
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// A ZIP whose Content-Type says Word, or that holds <c>word/document.xml</c>. The ZIP signature is
    /// required either way: a server's error page sent with a Word content type is HTML, not a document.
    /// </summary>
    public static bool IsDocx(ReadOnlySpan<byte> body, string? contentType)
    {
        if (!body.StartsWith("PK\x03\x04"u8)) return false;
        if (contentType?.Contains(ContentType, StringComparison.OrdinalIgnoreCase) ?? false) return true;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(body.ToArray(), writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    public static string Extract(byte[] docx)
    {
        using var package = WordprocessingDocument.Open(new MemoryStream(docx, writable: false), isEditable: false);
        var main = package.MainDocumentPart ?? throw new InvalidDataException("The Word document has no main part.");
        var body = main.Document?.Body;
        if (body is null) return "";
        var styles = main.StyleDefinitionsPart?.Styles;
        var numbering = new DocxNumbering(main.NumberingDefinitionsPart?.Numbering, styles);
        var lines = new List<string>();
        Blocks(body, lines, styles, numbering);
        return TextNormalizer.Join(lines);
    }

    private static void Blocks(OpenXmlElement container, List<string> lines, Styles? styles, DocxNumbering numbering)
    {
        foreach (var element in container.ChildElements)
        {
            switch (element)
            {
                case Paragraph p:
                    if (IsTableOfContents(p, styles)) continue;
                    // Counted even when empty: Word numbers an empty item too, and the next items follow on.
                    var number = numbering.Marker(p);
                    var text = TextNormalizer.NormalizeLine(TextOf(p));
                    if (text.Length == 0) continue;
                    var level = HeadingLevel(p, styles);
                    // Numbered headings ("1. Общие положения" from a multilevel list) keep their number.
                    lines.Add((level > 0 ? new string('#', level) + " " : "") + (level > 0 && number == "- " ? "" : number) + text);
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        var cells = row.Elements<TableCell>().Select(c => TextNormalizer.NormalizeLine(string.Join(" ", Texts(c)))).ToList();
                        if (cells.Any(c => c.Length > 0)) lines.Add(string.Join(" | ", cells));
                    }
                    break;
                case SdtBlock { SdtContentBlock: { } content }:
                    Blocks(content, lines, styles, numbering); // a content control wraps ordinary paragraphs and tables
                    break;
                case CustomXmlBlock:
                    Blocks(element, lines, styles, numbering);
                    break;
            }
        }
    }

    /// <summary>The texts of a table cell's paragraphs, nested tables included, for one cell of a row.</summary>
    private static IEnumerable<string> Texts(OpenXmlElement container) =>
        container.ChildElements.SelectMany(e => e switch
        {
            Paragraph p => [TextOf(p)],
            Table or TableRow or TableCell or SdtBlock or SdtContentBlock or CustomXmlBlock => Texts(e),
            _ => [],
        });

    /// <summary>The visible text of a paragraph: runs, tabs and breaks as spaces, non-breaking hyphens; no deleted revisions or field codes.</summary>
    private static string TextOf(Paragraph p)
    {
        var sb = new StringBuilder();
        Append(p, sb);
        return sb.ToString();
    }

    private static void Append(OpenXmlElement element, StringBuilder sb)
    {
        foreach (var e in element.ChildElements)
        {
            switch (e)
            {
                case Text t: sb.Append(t.Text); break;
                case TabChar or Break or CarriageReturn: sb.Append(' '); break;
                case NoBreakHyphen: sb.Append('-'); break;
                // A text box is stored twice, for new and old Word; the fallback copy would double its text.
                case AlternateContentFallback: break;
                default: Append(e, sb); break;
            }
        }
    }

    [GeneratedRegex(@"^(?:toc|оглавление)\s*\d$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TocStyle();

    /// <summary>
    /// Entries of a table of contents ("toc 1" … "toc 9") repeat the headings with page numbers that
    /// change on every re-pagination; the headings themselves are in the text.
    /// </summary>
    private static bool IsTableOfContents(Paragraph p, Styles? styles) =>
        DocxNumbering.StyleChain(p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, styles)
            .Any(s => s.StyleName?.Val?.Value is { } name && TocStyle().IsMatch(name));

    [GeneratedRegex(@"^(?:heading|заголовок|тақырып)\s*([1-6])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingStyle();

    /// <summary>
    /// 1–6 for a heading, else 0: the style's name ("heading 2" in every Word, "Заголовок 2" from
    /// other editors), the Title style, or an outline level set on the paragraph or its style.
    /// </summary>
    private static int HeadingLevel(Paragraph p, Styles? styles)
    {
        var outline = p.ParagraphProperties?.OutlineLevel?.Val?.Value;
        if (outline is >= 0 and < 6) return outline.Value + 1;
        foreach (var style in DocxNumbering.StyleChain(p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, styles))
        {
            foreach (var name in new[] { style.StyleName?.Val?.Value, style.StyleId?.Value })
            {
                if (name is null) continue;
                if (HeadingStyle().Match(name) is { Success: true } m) return m.Groups[1].Value[0] - '0';
                if (name.Equals("Title", StringComparison.OrdinalIgnoreCase)) return 1;
            }
            var level = style.StyleParagraphProperties?.OutlineLevel?.Val?.Value;
            if (level is >= 0 and < 6) return level.Value + 1;
        }
        return 0;
    }
}
