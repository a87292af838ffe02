// 1:10: error: #include expects "FILENAME" or <FILENAME>
#include 42
