using System.Text.RegularExpressions;
using PolicyArchiver.Extraction;
using PolicyArchiver.Tests.Support;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace PolicyArchiver.Tests.Extraction;

/// <summary>What Fixtures/documents/README.md promises about the PDFs, checked line by line.</summary>
public class PdfFidelityTests
{
    private static readonly string Documents = Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents");

    private static string[] Lines(string file) =>
        PdfExtractor.Extract(File.ReadAllBytes(Path.Combine(Documents, file))).Split('\n');

    [Fact]
    public void Running_header_and_page_footers_are_removed_but_the_title_stays()
    {
        var lines = Lines("policy-ru-layout.pdf");
        Assert.DoesNotContain(lines, l => l.Contains("Страница", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("(ред. 2024)", StringComparison.Ordinal));
        Assert.Contains("ПОЛИТИКА ОБРАБОТКИ ПЕРСОНАЛЬНЫХ ДАННЫХ", lines);
        Assert.Contains("1. Общие положения", lines);
    }

    [Fact]
    public void Word_hyphenated_at_a_line_end_is_rejoined()
    {
        var lines = Lines("policy-ru-layout.pdf");
        Assert.Contains("2.2. Банк ограничивает обработку данных клиента достижением конкретных, заранее определённых целей; любая обработка, включая сбор, запись, систематизацию, накопление и хранение персональных данных, несовместимая с этими целями, не допускается.", lines);
        Assert.DoesNotContain(lines, l => l.Contains("персо-", StringComparison.Ordinal));
    }

    [Fact]
    public void Compounds_keep_their_hyphen_inside_a_line_and_at_a_line_end()
    {
        var lines = Lines("policy-ru-layout.pdf");
        Assert.Contains("2.1. Банк обрабатывает персональные данные в целях заключения и исполнения договоров, идентификации клиента и направления ему SMS-сообщений об операциях по счёту.", lines);
        Assert.Contains("6.3. Об изменениях Политики Банк уведомляет клиентов в приложении, по почте и с помощью SMS-сообщений не позднее чем за десять календарных дней.", lines);
        Assert.Contains("6.4. Действующая редакция Политики и все её предыдущие редакции постоянно доступны на веб-сайте Банка в разделе «Документы».", lines);
    }

    [Fact]
    public void Two_columns_are_read_left_column_first_then_the_text_below()
    {
        var lines = Lines("policy-ru-layout.pdf");
        string[] order =
        [
            "4. Меры защиты",
            "4.1. Банк применяет правовые, организационные и технические меры для защиты персональных данных от неправомерного доступа.",
            "4.2. Доступ к персональным данным имеют только работники, которым он необходим для исполнения должностных обязанностей.",
            "4.3. Банк ведёт журнал действий с персональными данными в информационных системах.",
            "4.4. Персональные данные хранятся в базах данных, расположенных на территории Республики Казахстан.",
            "4.5. Резервные копии баз данных шифруются и хранятся в отдельном защищённом помещении.",
            "4.6. Банк ежегодно проверяет эффективность принятых мер защиты персональных данных.",
            "5. Права субъекта",
        ];
        var at = order.Select(l => Array.IndexOf(lines, l)).ToList();
        Assert.DoesNotContain(-1, at);
        Assert.Equal(Enumerable.Range(at[0], order.Length), at);
    }

    [Fact]
    public void Wrapped_lines_of_a_paragraph_become_one_line_even_across_a_page_break()
    {
        var lines = Lines("policy-ru-layout.pdf");
        Assert.Contains("1.1. Настоящая Политика определяет порядок обработки персональных данных клиентов ТОО «Тестовый Банк» (далее – Банк) и меры по обеспечению их безопасности в соответствии с Законом Республики Казахстан «О персональных данных и их защите».", lines);
        Assert.Contains("3.2. Сведения о счетах, платёжных картах и операциях по ним обрабатываются Банком как банковская тайна и раскрываются только в случаях, прямо предусмотренных законодательством Республики Казахстан, в том числе по запросам уполномоченных государственных органов, судов и органов уголовного преследования в пределах их компетенции.", lines);
    }

    [Fact]
    public void Kazakh_fixture_loses_its_page_numbers_and_keeps_its_clauses_and_short_lines()
    {
        var lines = PdfExtractor.Extract(File.ReadAllBytes(Path.Combine(FixtureSite.Root, "v1", "policy-kk.pdf"))).Split('\n');
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"Бет\s*\d"));
        Assert.Contains("ДЕРБЕС ДЕРЕКТЕРДІ ҚОРҒАУ САЯСАТЫ", lines);
        Assert.Contains("1.1. Осы Дербес деректерді қорғау саясаты (бұдан әрі – Саясат) «Дербес деректер және оларды қорғау туралы» Қазақстан Республикасының 2013 жылғы 21 мамырдағы № 94-V Заңына және Қазақстан Республикасы Үкіметінің 2013 жылғы 3 қыркүйектегі № 909 қаулысына сәйкес әзірленді.", lines);
        Assert.Contains("– адамның және азаматтың конституциялық құқықтары мен бостандықтарын сақтау;", lines);
        Assert.Contains("– заңдылық;", lines);
        Assert.Contains("9.5. Банктің байланыс деректері: «Тест Банкі» ЖШС, Алматы қаласы, Абай даңғылы, 100, privacy@testbank.kz.", lines);
        // Lines the author ended early are not glued to what follows.
        Assert.Contains("«Тест Банкі» жауапкершілігі шектеулі серіктестігі", lines);
        Assert.Contains("Басқарма Төрағасы А. Сейітов", lines);
        Assert.Equal(31, lines.Count(l => Regex.IsMatch(l, @"^\d\.\d\. ")));
    }

    [Theory]
    [InlineData("Страница 3 из 12")]
    [InlineData("Стр. 3")]
    [InlineData("3-бет")]
    [InlineData("Бет 3 / 12")]
    [InlineData("Page 3 of 12")]
    [InlineData("- 3 -")]
    [InlineData("3")]
    public void Page_number_lines_are_recognised_in_russian_kazakh_and_english(string line) =>
        Assert.True(PdfPageFurniture.IsPageNumber(line));

    [Theory]
    [InlineData("3. Состав данных")]
    [InlineData("4.2. Срок хранения – 3 года.")]
    [InlineData("Статья 3")]
    [InlineData("3 жыл")]
    public void Clause_and_heading_lines_are_not_page_numbers(string line) =>
        Assert.False(PdfPageFurniture.IsPageNumber(line));

    [Fact]
    public void Table_rows_stay_rows_with_their_cells_separated()
    {
        string[][] rows = [["Услуга", "Стоимость", "Примечание"], ["Перевод", "0,95%", "минимум 200 тенге"], ["Выписка", "бесплатно", "в приложении"]];
        var pdf = OnePage(rows.SelectMany((r, i) => new[] { (70.0, 700.0 - 16 * i, r[0]), (250.0, 700.0 - 16 * i, r[1]), (400.0, 700.0 - 16 * i, r[2]) }));
        Assert.Equal("Услуга | Стоимость | Примечание\nПеревод | 0,95% | минимум 200 тенге\nВыписка | бесплатно | в приложении\n", PdfExtractor.Extract(pdf));
    }

    [Fact]
    public void Clause_with_a_hanging_indent_is_one_line_and_short_clauses_stay_apart()
    {
        var pdf = OnePage([
            (70, 700, "1.1."), (100, 700, "Банк обрабатывает персональные данные клиентов в соответствии с законодательством"),
            (100, 686, "Республики Казахстан и настоящей Политикой."),
            (70, 672, "1.2."), (100, 672, "Короткий пункт"),
            (70, 658, "1.3."), (100, 658, "Ещё один пункт"),
        ]);
        Assert.Equal(
            "1.1. Банк обрабатывает персональные данные клиентов в соответствии с законодательством Республики Казахстан и настоящей Политикой.\n1.2. Короткий пункт\n1.3. Ещё один пункт\n",
            PdfExtractor.Extract(pdf));
    }

    [Fact]
    public async Task Text_layer_pdf_is_not_marked_as_ocr()
    {
        var result = await PdfExtractor.ExtractAsync(File.ReadAllBytes(Path.Combine(Documents, "policy-ru-layout.pdf")));
        Assert.False(result.OcrDerived);
    }

    [Fact]
    public async Task Scanned_pdf_is_read_by_ocr_in_kazakh_and_russian_and_marked_as_ocr()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Documents, "policy-scanned.pdf"));
        Assert.Equal("", PdfExtractor.Extract(bytes)); // the fixture really has no text layer

        var result = await PdfExtractor.ExtractAsync(bytes);

        Assert.True(result.OcrDerived);
        foreach (var word in new[] { "дербес", "келісімінсіз", "Қазақстан", "персональные", "законодательством", "согласия" })
            Assert.Contains(word, result.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Бет 1", result.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ocr_is_cancellable()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Documents, "policy-scanned.pdf"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PdfExtractor.ExtractAsync(bytes, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Missing_ocr_program_names_the_debian_packages_to_install()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PdfOcr.RunAsync("tesseract-not-installed-here", ["--version"], PdfOcr.Packages, CancellationToken.None));
        Assert.Contains("apt-get install tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus", e.Message);
    }

    /// <summary>A one-page PDF with each text at its place, DejaVu Sans 10 pt.</summary>
    private static byte[] OnePage(IEnumerable<(double X, double Y, string Text)> items)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(File.ReadAllBytes("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        var page = builder.AddPage(PageSize.A4);
        foreach (var (x, y, text) in items) page.AddText(text, 10, new PdfPoint(x, y), font);
        return builder.Build();
    }
}
