mod time;
