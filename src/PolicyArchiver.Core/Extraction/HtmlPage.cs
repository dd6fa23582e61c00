using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PolicyArchiver.Extraction;

/// <summary>
/// An HTML page parsed once, without what no document's text ever holds (scripts, styles,
/// controls), so that every document a page serves is read from one parse: one address often
/// holds several policies (terms, privacy, developer terms), and parsing is most of an extraction.
/// </summary>
internal sealed class HtmlPage
{
    private HtmlPage(IDocument document) => Document = document;

    internal IDocument Document { get; }

    /// <summary>
    /// What no text is made of is not kept by the parser at all: script text, comments, source
    /// positions.
    /// </summary>
    private static readonly HtmlParserOptions Options = new()
    {
        DisableElementPositionTracking = true,
        SkipComments = true,
        SkipScriptText = true,
        SkipProcessingInstructions = true,
    };

    public static HtmlPage Parse(string html)
    {
        var document = new HtmlParser(Options).ParseDocument(html);
        if (document.Body is { } body) HtmlExtractor.Clean(body);
        return new HtmlPage(document);
    }
}
