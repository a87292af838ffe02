// 2:5: error: \u0061 is not a valid universal character
int \u0024x = 1;
int \u0061b;
