// 1:8: error: both 'signed' and '_Bool' in declaration specifiers
signed _Bool b;
