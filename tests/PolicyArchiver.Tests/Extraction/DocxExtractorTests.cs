using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using PolicyArchiver.Extraction;

namespace PolicyArchiver.Tests.Extraction;

/// <summary>What Fixtures/documents/README.md promises about cookie-policy-ru.docx.</summary>
public class DocxExtractorTests
{
    private static readonly byte[] Docx = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents", "cookie-policy-ru.docx"));

    private static string[] Lines() => DocxExtractor.Extract(Docx).Split('\n');

    [Fact]
    public void Word_document_is_recognised_by_its_zip_entries_or_its_content_type()
    {
        Assert.True(DocxExtractor.IsDocx(Docx, null));
        Assert.True(DocxExtractor.IsDocx(Docx, "application/octet-stream"));
        Assert.True(DocxExtractor.IsDocx(Docx, DocxExtractor.ContentType));
    }

    [Fact]
    public void Other_zips_pdfs_and_html_error_pages_are_not_word_documents()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            using (var writer = new StreamWriter(archive.CreateEntry("xl/workbook.xml").Open())) writer.Write("<workbook/>");
        Assert.False(DocxExtractor.IsDocx(zip.ToArray(), null));
        Assert.False(DocxExtractor.IsDocx("%PDF-1.7"u8, null));
        Assert.False(DocxExtractor.IsDocx("<html><body>404</body></html>"u8, DocxExtractor.ContentType));
    }

    [Fact]
    public void Headings_become_hashes_by_their_style_level()
    {
        var lines = Lines();
        Assert.Contains("# Политика использования файлов cookie", lines);
        Assert.Contains("## 1. Какие файлы cookie мы используем", lines);
        Assert.Contains("## 2. Права пользователя", lines);
        Assert.Contains("### Контакты", lines); // a style named "Заголовок 3"
    }

    [Fact]
    public void List_items_carry_words_numbering_and_bullets_a_dash()
    {
        var lines = Lines();
        Assert.Contains("1. Необходимые файлы cookie обеспечивают работу сайта.", lines);
        Assert.Contains("3. Рекламные файлы cookie используются только с согласия пользователя.", lines);
        Assert.Contains("2.1. Пользователь вправе отключить файлы cookie в настройках браузера.", lines);
        Assert.Contains("2.2. Пользователь вправе отозвать согласие, направив письмо на privacy@market.test.kz.", lines);
        Assert.Contains("- в настройках браузера;", lines);
    }

    [Fact]
    public void Table_rows_are_cells_joined_by_bars()
    {
        var lines = Lines();
        Assert.Contains("Название | Назначение | Срок хранения", lines);
        Assert.Contains("_ga | Статистика посещений | 2 года", lines);
    }

    [Fact]
    public void Page_header_table_of_contents_and_deleted_revisions_are_not_part_of_the_text()
    {
        var text = DocxExtractor.Extract(Docx);
        Assert.DoesNotContain("внутренний документ", text);
        Assert.DoesNotContain("УДАЛЁННЫЙ", text);
        Assert.DoesNotContain("мы используем 1", text);
        Assert.DoesNotContain("\n2. Права пользователя", text);
    }

    [Fact]
    public void Whole_document_reads_one_paragraph_per_line_in_order()
    {
        Assert.Equal("""
            # Политика использования файлов cookie
            ТОО «Тестовый Маркет» (далее – Компания) использует файлы cookie на сайте market.test.kz.
            ## 1. Какие файлы cookie мы используем
            1. Необходимые файлы cookie обеспечивают работу сайта.
            2. Аналитические файлы cookie помогают понять, как посетители пользуются сайтом.
            3. Рекламные файлы cookie используются только с согласия пользователя.
            Название | Назначение | Срок хранения
            session_id | Поддержание сеанса | До закрытия браузера
            _ga | Статистика посещений | 2 года
            ## 2. Права пользователя
            2.1. Пользователь вправе отключить файлы cookie в настройках браузера.
            2.2. Пользователь вправе отозвать согласие, направив письмо на privacy@market.test.kz.
            - в настройках браузера;
            - через баннер на сайте.
            ### Контакты
            Вопросы направляйте по адресу: г. Алматы, пр. Абая, 1, офис 5

            """.Replace("\r\n", "\n"), DocxExtractor.Extract(Docx));
    }

    [Fact]
    public void Numbered_headings_keep_their_number_and_an_empty_item_still_counts()
    {
        var docx = Build(
            new Styles(new Style(new StyleName { Val = "heading 1" }) { Type = StyleValues.Paragraph, StyleId = "Heading1" }),
            new Numbering(
                new AbstractNum(new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 }) { AbstractNumberId = 0 },
                new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = 1 }),
            Numbered("Heading1", "Общие положения"),
            Numbered(null, ""),
            Numbered(null, "Третий пункт."));
        Assert.Equal("# 1. Общие положения\n3. Третий пункт.\n", DocxExtractor.Extract(docx));
    }

    private static Paragraph Numbered(string? style, string text)
    {
        var props = new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 }));
        if (style is not null) props.PrependChild(new ParagraphStyleId { Val = style });
        return new Paragraph(props, new Run(new Text(text)));
    }

    private static byte[] Build(Styles styles, Numbering numbering, params Paragraph[] paragraphs)
    {
        var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering;
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new Body(paragraphs));
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Extractor_sends_a_word_document_to_the_word_extraction()
    {
        var document = new PolicyArchiver.Targets.Document("market", "cookie-policy-ru", "cookie-policy", "ru", new Uri("https://market.test.kz/cookies.docx"), null, [], [], null);
        var result = await Extractor.ExtractAsync(document, Docx, "application/octet-stream", null, null, CancellationToken.None);
        Assert.StartsWith("# Политика использования файлов cookie\n", result.Text);
        Assert.False(result.OcrDerived);
    }
}
