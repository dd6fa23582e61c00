using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace PolicyArchiver.Extraction;

/// <summary>
/// Reads scanned pages with Tesseract: each page is rasterised by <c>pdftoppm</c> at 300 dpi and
/// read by the <c>tesseract</c> command line in Kazakh, Russian and English. External programs
/// rather than bindings: the Debian packages are maintained, and a crash cannot take the archiver down.
/// </summary>
internal static class PdfOcr
{
    public const string Languages = "kaz+rus+eng";
    internal const string Packages = "tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng";

    /// <summary>Each page's lines; tesseract's blank-line separated blocks become <see cref="PdfLine.OcrParagraph"/>.</summary>
    public static async Task<Dictionary<int, List<PdfLine>>> ReadAsync(byte[] pdf, IReadOnlyList<int> pages, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("policyarchiver-ocr-");
        try
        {
            var file = Path.Combine(dir.FullName, "document.pdf");
            await File.WriteAllBytesAsync(file, pdf, ct);
            var result = new Dictionary<int, List<PdfLine>>();
            foreach (var page in pages)
            {
                var image = Path.Combine(dir.FullName, $"page-{page}");
                await RunAsync("pdftoppm", ["-r", "300", "-gray", "-png", "-singlefile", "-f", $"{page}", "-l", $"{page}", file, image], "poppler-utils", ct);
                var text = await RunAsync("tesseract", [image + ".png", "stdout", "--dpi", "300", "-l", Languages], Packages, ct);
                result[page] = Lines(text);
                File.Delete(image + ".png");
            }
            return result;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<PdfLine> Lines(string text)
    {
        var lines = new List<PdfLine>();
        var paragraph = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = TextNormalizer.NormalizeLine(raw);
            if (line.Length == 0) paragraph++;
            else lines.Add(PdfLine.FromOcr(line, paragraph));
        }
        return lines;
    }

    internal static async Task<string> RunAsync(string program, IReadOnlyList<string> args, string packages, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Tesseract's OpenMP threads slow it down when several pages or captures run at once.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"OCR of a scanned PDF needs {program}, which is not installed: apt-get install {packages}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = await stdout;
            var errors = await stderr;
            if (process.ExitCode != 0)
            {
                var hint = errors.Contains("Failed loading language", StringComparison.Ordinal) ? $" (the languages {Languages} come from: apt-get install {packages})" : "";
                throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}{hint}: {errors.Trim()}");
            }
            return output;
        }
    }
}
