using PolicyArchiver.Extraction;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Extraction;

/// <summary>
/// The registry of document formats decides what a body is, as the extraction always has: the
/// first format that recognises a body reads it, HTML takes whatever no other format claims, and
/// what a snapshot is recorded as (content type, charset, file extension) is unchanged.
/// </summary>
public class DocumentFormatsTests
{
    private static readonly string Documents = Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents");
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static byte[] Body(string file) => file.StartsWith("documents/", StringComparison.Ordinal)
        ? File.ReadAllBytes(Path.Combine(Documents, file["documents/".Length..]))
        : File.ReadAllBytes(Path.Combine(FixtureSite.Root, file));

    [Theory]
    [InlineData("documents/policy-ru-layout.pdf", null, "pdf")]
    [InlineData("documents/policy-ru-layout.pdf", "application/octet-stream", "pdf")]
    [InlineData("documents/cookie-policy-ru.docx", null, "docx")]
    [InlineData("documents/cookie-policy-ru.docx", "application/octet-stream", "docx")]
    [InlineData("v1/privacy-ru.html", "text/html; charset=utf-8", "html")]
    [InlineData("v1/privacy-ru.html", null, "html")]
    [InlineData("v1/privacy-ru.html", "application/pdf", "pdf")] // the Content-Type alone makes a PDF
    [InlineData("v1/privacy-ru.html", WordType, "html")] // a Word Content-Type on a page that is no ZIP: an error page
    public void A_body_is_read_by_the_first_format_that_recognises_it(string file, string? contentType, string format) =>
        Assert.Equal(format, DocumentFormats.Of(Body(file), contentType).Name);

    [Fact]
    public void Html_comes_last_and_takes_any_body()
    {
        Assert.Equal("html", DocumentFormats.All[^1].Name);
        Assert.True(DocumentFormats.All[^1].Recognises("\x00\x01 not a document"u8, "image/png"));
        Assert.All(DocumentFormats.All.SkipLast(1), f => Assert.False(f.Recognises("<html><body>Terms</body></html>"u8, "text/html")));
    }

    [Theory]
    [InlineData("documents/policy-ru-layout.pdf", null, "application/pdf", null)]
    [InlineData("documents/policy-ru-layout.pdf", "application/pdf", "application/pdf", null)]
    // A Word file sent without a Content-Type has always been recorded as text/html (and is read as Word all the same).
    [InlineData("documents/cookie-policy-ru.docx", null, "text/html", null)]
    [InlineData("documents/cookie-policy-ru.docx", WordType + "; charset=utf-8", WordType + "; charset=utf-8", "utf-8")]
    [InlineData("v1/terms-cp1251.html", null, "text/html", "windows-1251")]
    [InlineData("v1/privacy-ru.html", "text/html; charset=UTF-8", "text/html; charset=UTF-8", "utf-8")]
    public void A_body_is_recorded_with_the_content_type_and_charset_it_always_was(string file, string? served, string contentType, string? charset) =>
        Assert.Equal((contentType, charset), BodyKind.Of(Body(file), served));

    [Theory]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("APPLICATION/PDF", ".pdf")]
    [InlineData("application/xhtml+xml", ".xhtml")]
    [InlineData("text/html; charset=windows-1251", ".html")]
    [InlineData(WordType, ".docx")]
    [InlineData("application/msword", ".doc")]
    [InlineData("application/vnd.oasis.opendocument.text", ".odt")]
    [InlineData("application/rtf", ".rtf")]
    [InlineData("text/plain; charset=utf-8", ".txt")]
    [InlineData("application/xml", ".xml")]
    [InlineData("application/json", ".json")]
    [InlineData("image/png", ".bin")]
    public void A_snapshot_file_is_named_by_its_content_type(string contentType, string extension) =>
        Assert.Equal(extension, BodyKind.Extension(contentType));

    [Fact]
    public async Task Every_document_a_pdf_serves_reads_the_text_the_pdf_extraction_gives()
    {
        var pdf = Body("documents/policy-ru-layout.pdf");
        var documents = new[] { "terms", "privacy" }
            .Select(id => new PolicyArchiver.Targets.Document("bank", id, id, "ru", new Uri("https://bank.test.kz/policy.pdf"), null, [], [], null)).ToList();
        var texts = await Extractor.ExtractAsync(documents, pdf, "application/pdf", markup: "<html><body>ignored</body></html>", null, CancellationToken.None);
        var expected = await PdfExtractor.ExtractAsync(pdf);
        Assert.Equal([expected, expected], texts);
        Assert.Contains('\n', expected.Text);
    }

    [Fact]
    public async Task A_page_reads_from_the_dom_when_there_is_one_else_from_its_decoded_body()
    {
        var document = new PolicyArchiver.Targets.Document("bank", "terms", "terms", "ru", new Uri("https://bank.test.kz/terms"), null, [], [], null);
        var body = Body("v1/terms-cp1251.html");
        var served = await Extractor.ExtractAsync(document, body, "text/html", null, null, CancellationToken.None);
        Assert.Equal(HtmlExtractor.Extract(Charset.Decode(body, "text/html"), document.Rules), served.Text);
        var rendered = await Extractor.ExtractAsync(document, body, "text/html", "<html><body><main><p>Только из DOM.</p></main></body></html>", null, CancellationToken.None);
        Assert.Equal("Только из DOM.\n", rendered.Text);
        Assert.False(rendered.OcrDerived);
    }
}
