// 1:12: error: exponent has no digits
double d = 1.0e;
