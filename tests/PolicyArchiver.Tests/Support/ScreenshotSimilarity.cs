using Microsoft.Playwright;

namespace PolicyArchiver.Tests.Support;

/// <summary>
/// How alike two screenshots look: both are scaled down to 160 pixels wide and to the same height,
/// turned to grayscale, and compared by the mean structural similarity (SSIM) of their 8×8 windows,
/// 1 for the same picture. Unlike a mean of pixel differences, SSIM sees an unstyled page as
/// unlike a styled one even when both are mostly white. The decoding and scaling are Chromium's own
/// (a canvas), so the comparison needs no image library.
/// </summary>
public static class ScreenshotSimilarity
{
    private const string Script = """
        async ({ a, b }) => {
          const load = src => new Promise((resolve, reject) => { const i = new Image(); i.onload = () => resolve(i); i.onerror = reject; i.src = src; });
          const [x, y] = await Promise.all([load(a), load(b)]);
          const w = 160, h = Math.max(8, Math.round(w * x.height / x.width));
          const gray = img => {
            const c = document.createElement("canvas"); c.width = w; c.height = h;
            const g = c.getContext("2d"); g.imageSmoothingQuality = "high"; g.drawImage(img, 0, 0, w, h);
            const d = g.getImageData(0, 0, w, h).data, out = new Float64Array(w * h);
            for (let i = 0; i < w * h; i++) out[i] = 0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2];
            return out;
          };
          const p = gray(x), q = gray(y), c1 = (0.01 * 255) ** 2, c2 = (0.03 * 255) ** 2;
          let sum = 0, n = 0;
          for (let by = 0; by + 8 <= h; by += 8) for (let bx = 0; bx + 8 <= w; bx += 8) {
            let mp = 0, mq = 0;
            for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) { mp += p[(by + j) * w + bx + i]; mq += q[(by + j) * w + bx + i]; }
            mp /= 64; mq /= 64;
            let vp = 0, vq = 0, cov = 0;
            for (let j = 0; j < 8; j++) for (let i = 0; i < 8; i++) {
              const dp = p[(by + j) * w + bx + i] - mp, dq = q[(by + j) * w + bx + i] - mq;
              vp += dp * dp; vq += dq * dq; cov += dp * dq;
            }
            vp /= 63; vq /= 63; cov /= 63;
            sum += ((2 * mp * mq + c1) * (2 * cov + c2)) / ((mp * mp + mq * mq + c1) * (vp + vq + c2));
            n++;
          }
          return sum / n;
        }
        """;

    /// <summary>The similarity of two PNG screenshots, computed in a blank page of <paramref name="context"/>.</summary>
    public static async Task<double> OfAsync(IBrowserContext context, byte[] a, byte[] b)
    {
        var page = await context.NewPageAsync();
        try
        {
            return await page.EvaluateAsync<double>(Script, new { a = DataUrl(a), b = DataUrl(b) });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static string DataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
