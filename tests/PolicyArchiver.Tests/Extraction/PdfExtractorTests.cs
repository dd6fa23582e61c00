using PolicyArchiver.Extraction;
using PolicyArchiver.Tests.Support;

namespace PolicyArchiver.Tests.Extraction;

public class PdfExtractorTests
{
    [Fact]
    public void Kazakh_pdf_reads_in_order_with_every_kazakh_letter()
    {
        var bytes = File.ReadAllBytes(Path.Combine(FixtureSite.Root, "v1", "policy-kk.pdf"));
        Assert.True(PdfExtractor.IsPdf(bytes, null));
        var lines = PdfExtractor.Extract(bytes).Split('\n');
        Assert.Contains("ДЕРБЕС ДЕРЕКТЕРДІ ҚОРҒАУ САЯСАТЫ", lines);
        Assert.Contains("1.3. Саясат Банктің барлық қызметкерлері үшін міндетті.", lines);
        Assert.Contains("4.2. Дербес деректерді сақтау мерзімі шарт тоқтатылған күннен бастап 3 жыл.", lines);
        Assert.True(Array.IndexOf(lines, "1.3. Саясат Банктің барлық қызметкерлері үшін міндетті.") < Array.IndexOf(lines, "9.1. Банк осы Саясатқа өзгерістер енгізуге құқылы."));
    }
}
