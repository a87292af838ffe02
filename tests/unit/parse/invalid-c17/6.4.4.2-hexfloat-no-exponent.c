// 1:12: error: hexadecimal floating constants require an exponent
double d = 0x1.8;
