using System.Buffers;
using System.Globalization;
using Feed.FakeHost.Media;
using Feed.FakeHost.Model;
using Feed.FakeHost.Observability;

namespace Feed.FakeHost.Endpoints;

/// <summary>
/// GET/HEAD /media/{n}/{i}.mp3: a 20–80 MB file generated on the fly for the requested range. Honours a single
/// byte range with 206 (RFC 9110 §15.3.7, §14.4); hosts that ignore Range (a deterministic ~10 %) answer 200 with
/// the whole length and stream until the client hangs up.
/// </summary>
internal sealed class MediaHandler(FeedModel model, HostStats stats)
{
    private const int BlockSize = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        stats.Request();
        var response = context.Response;
        var values = context.Request.RouteValues;
        if (!int.TryParse(values["feed"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= model.FeedCount
            || values["file"] is not string file || !file.EndsWith(".mp3", StringComparison.Ordinal)
            || !long.TryParse(file.AsSpan(0, file.Length - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var item))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var media = new MediaFile(model.Seed, n, item);
        var headers = response.Headers;
        response.ContentType = "audio/mpeg";
        headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"m{n}-{item}\"");
        long first = 0;
        var last = media.Length - 1;
        if (model.MediaIgnoresRange(n))
        {
            stats.Media200();
        }
        else
        {
            headers.AcceptRanges = "bytes";
            if (HttpHeaderRules.TryParseRange(context.Request.Headers.Range, media.Length, out var from, out var to, out var satisfiable))
            {
                if (!satisfiable)
                {
                    stats.Media416();
                    response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{media.Length}");
                    return;
                }

                (first, last) = (from, to);
                stats.Media206();
                response.StatusCode = StatusCodes.Status206PartialContent;
                headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{last}/{media.Length}");
            }
            else
            {
                stats.Media200();
            }
        }

        response.ContentLength = last - first + 1;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            stats.MediaHead();
            return;
        }

        await StreamAsync(response, media, first, last, context.RequestAborted);
    }

    private async Task StreamAsync(HttpResponse response, MediaFile media, long first, long last, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        var sent = 0L;
        try
        {
            for (var offset = first; offset <= last; offset += BlockSize)
            {
                var count = (int)Math.Min(BlockSize, last - offset + 1);
                media.Fill(offset, buffer.AsSpan(0, count));
                await response.Body.WriteAsync(buffer.AsMemory(0, count), ct);
                sent += count;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client read what it wanted (an ID3 probe) and hung up: the expected end of a range-ignoring download.
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
            // Same, surfaced as a reset connection.
        }
        finally
        {
            stats.BytesSent(sent);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
