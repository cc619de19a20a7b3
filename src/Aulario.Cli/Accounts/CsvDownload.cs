namespace Aulario.Cli.Accounts;

/// <summary>Saves a streamed CSV export as it arrives (flat memory), making sure it starts with the UTF-8 BOM Excel needs.</summary>
public static class CsvDownload
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Returns the number of data rows (lines after the header).</summary>
    public static async Task<long> SaveAsync(HttpResponseMessage response, string path, CancellationToken ct)
    {
        var temp = path + ".partial";
        long lines = 0;
        var endsWithNewline = true;
        var any = false;
        await using (var source = await response.Content.ReadAsStreamAsync(ct))
        await using (var target = File.Create(temp))
        {
            var buffer = new byte[64 * 1024];
            var first = true;
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                if (first)
                {
                    first = false;
                    if (!chunk.Span.StartsWith(Bom)) await target.WriteAsync(Bom, ct);
                }
                any = true;
                lines += chunk.Span.Count((byte)'\n');
                endsWithNewline = chunk.Span[^1] == (byte)'\n';
                await target.WriteAsync(chunk, ct);
            }
            if (!any) await target.WriteAsync(Bom, ct);
        }
        File.Move(temp, path, overwrite: true);
        if (any && !endsWithNewline) lines++;
        return Math.Max(0, lines - 1);
    }
}
