// Runs the Zoom sandbox alone: `dotnet run --project src/Aulario.ZoomSandbox`.
Console.WriteLine("placeholder");
