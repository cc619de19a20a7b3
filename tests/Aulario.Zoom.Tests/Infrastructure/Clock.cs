using Microsoft.Extensions.Time.Testing;

namespace Aulario.Zoom.Tests.Infrastructure;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward while a task runs, so waits on fake time (Retry-After, backoff) elapse.</summary>
public static class Clock
{
    public static FakeTimeProvider NewFake() => new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        while (!task.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(task, Task.Delay(5));
        }
        return await task;
    }

    public static async Task RunAsync(FakeTimeProvider time, Task task) =>
        await RunAsync(time, task.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));
}
