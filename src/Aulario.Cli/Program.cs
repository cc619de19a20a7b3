Console.WriteLine("aulario");
