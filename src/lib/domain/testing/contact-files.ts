// Contact files as real apps write them, written for the import specs (no real person's data):
// an iPhone export, an Android export (vCard 2.1, quoted-printable), a Google Contacts export, a
// vCard 4.0 file and LinkedIn's Connections.csv with its notes.
import { prng } from '$lib/testing/prng';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** Base64 of `size` seeded random bytes, folded as Apple folds PHOTO (a space before each line). */
export function foldedPhoto(size: number, seed = 1): string {
	const random = prng(seed);
	const bytes = Uint8Array.from({ length: size }, () => Math.floor(random() * 256));
	const base64 = btoa(String.fromCharCode(...bytes));
	const lines = [`PHOTO;ENCODING=b;TYPE=JPEG:${base64.slice(0, 48)}`];
	for (let i = 48; i < base64.length; i += 74) lines.push(` ${base64.slice(i, i + 74)}`);
	return lines.join('\r\n');
}

export const IPHONE_EXPORT = crlf([
	'BEGIN:VCARD',
	'VERSION:3.0',
	'PRODID:-//Apple Inc.//iPhone OS 17.4.1//EN',
	'N:Lee;Ann;;;',
	'FN:Ann Lee',
	'ORG:Acme Robotics;Hardware',
	'TITLE:Head of Hardware',
	'item1.EMAIL;type=INTERNET;type=pref:ann@acme.example',
	'item2.EMAIL;type=INTERNET:ann.lee@home.example',
	'item2.X-ABLabel:_$!<Home>!$_',
	'TEL;type=CELL;type=VOICE;type=pref:+1 (415) 555-0100',
	'TEL;type=WORK;type=VOICE:+1 415 555 0199',
	'item3.URL;type=pref:https://ann.example.org',
	'item3.X-ABLabel:_$!<HomePage>!$_',
	'item4.URL:https://github.com/annlee',
	'item4.X-ABLabel:GitHub',
	'X-SOCIALPROFILE;type=linkedin;x-user=annlee:http://www.linkedin.com/in/annlee',
	'X-SOCIALPROFILE;type=twitter;x-user=annlee:x-apple:annlee',
	'NOTE:Met at RoboConf 2024.\\nWants intros to battery people\\, urgently.',
	foldedPhoto(3000),
	'END:VCARD',
	'BEGIN:VCARD',
	'VERSION:3.0',
	'PRODID:-//Apple Inc.//iPhone OS 17.4.1//EN',
	'N:Müller;Jörg;;Dr.;',
	'FN:Dr. Jörg Müller',
	'ORG:Müller\\, Schmidt & Partner;',
	'item1.TEL;type=pref:+49 30 1234 5678',
	'item1.X-ABLabel:Büro',
	'END:VCARD'
]);

export const ANDROID_EXPORT = crlf([
	'BEGIN:VCARD',
	'VERSION:2.1',
	'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85ngstr=C3=B6m;Zo=C3=AB;;;',
	'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB =C3=85ngstr=C3=B6m',
	'TEL;CELL:+46701234567',
	'TEL;WORK:08-123 456 78',
	'EMAIL;WORK:zoe@example.se',
	'ORG:Nordic Labs',
	'TITLE:Researcher',
	'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Tr=C3=A4ffade p=C3=A5 m=C3=A4ssan=0A=',
	'Andra raden',
	'END:VCARD',
	'BEGIN:VCARD',
	'VERSION:2.1',
	'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=B1=E7=94=B0;=E5=A4=AA=E9=83=8E;;;',
	'TEL;CELL;PREF:090-1234-5678',
	'END:VCARD',
	'BEGIN:VCARD',
	'VERSION:2.1',
	'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;=D0=90=D0=BB=D0=B5=D0=BA=D1=81=D0=B0=D0=BD=D0=B4=D1=80 =D0=9F=',
	'=D0=B5=D1=82=D1=80=D0=BE=D0=B2=D0=B8=D1=87;;;',
	'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=90=D0=BB=D0=B5=D0=BA=D1=81=D0=B0=D0=BD=D0=B4=D1=80 =D0=9F=D0=B5=D1=82=',
	'=D1=80=D0=BE=D0=B2=D0=B8=D1=87 =D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2',
	'EMAIL;HOME:alex@example.ru',
	'URL:www.example.ru/alex',
	'END:VCARD'
]);

export const GOOGLE_EXPORT = crlf([
	'BEGIN:VCARD',
	'VERSION:3.0',
	'FN:Priya Raman',
	'N:Raman;Priya;;;',
	'EMAIL;TYPE=INTERNET;TYPE=HOME:priya.raman@mail.example',
	'EMAIL;TYPE=INTERNET;TYPE=WORK:PRaman@bigco.example',
	'TEL;TYPE=CELL:+91 98765 43210',
	'ADR;TYPE=HOME:;;12 MG Road;Bengaluru;KA;560001;India',
	'ORG:BigCo',
	'TITLE:Product Lead',
	'BDAY:1990-04-01',
	'item1.URL:https\\://priya.example.dev',
	'item1.X-ABLabel:Blog',
	'NOTE:Vegan\\, runs a meetup\\; ask about Kafka\\nSecond line',
	'CATEGORIES:myContacts,Conference',
	'END:VCARD',
	'BEGIN:VCARD',
	'VERSION:3.0',
	'FN:',
	'N:;;;;',
	'EMAIL;TYPE=INTERNET:noname@example.com',
	'CATEGORIES:myContacts',
	'END:VCARD'
]);

export const VCARD_4 = crlf([
	'BEGIN:VCARD',
	'VERSION:4.0',
	'FN:Dr. Chen Wei',
	'N:Chen;Wei;;Dr.;',
	'EMAIL;TYPE=work;PREF=1:wei.chen@lab.example',
	'TEL;VALUE=uri;TYPE="voice,cell":tel:+86-10-1234-5678',
	'TEL;VALUE=uri;TYPE=work:tel:+86-10-8765-4321;ext=123',
	'URL:https://lab.example/people/chen',
	'IMPP;PREF=1:xmpp:wei@lab.example',
	'SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://www.linkedin.com/in/chen-wei-1a2b3c',
	'ORG:Institute of Examples;Robotics',
	'TITLE:Principal Investigator',
	'NOTE:Likes\\, among other things\\, semicolons\\; and backslashes \\\\ too.',
	'END:VCARD'
]);

export const LINKEDIN_NOTES = [
	'Notes:',
	'"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: https://www.linkedin.com/help/linkedin/answer/261"',
	''
];

export const LINKEDIN_HEADER =
	'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

export const LINKEDIN_EXPORT =
	'\uFEFF' +
	crlf([
		...LINKEDIN_NOTES,
		LINKEDIN_HEADER,
		'Ann,Lee,https://www.linkedin.com/in/annlee,,Acme Robotics,Head of Hardware,12 Mar 2024',
		'Jörg,Müller,https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-4b2a19,joerg@example.de,"Müller, Schmidt & Partner","CTO, Co-founder",01 Feb 2023',
		'Priya,Raman,https://www.linkedin.com/in/priya-raman,,"BigCo ""Labs""","Product Lead\r\n(Payments)",28 Feb 2022',
		'山田,太郎,https://www.linkedin.com/in/taro-yamada,,,,7 Sep 2021',
		',,https://www.linkedin.com/in/hidden-member,,,,1 Jan 2020',
		'Mia,Chen,https://www.linkedin.com/in/mia-chen,,=HYPERLINK("http://evil.example"),Engineer,31 Feb 2024'
	]);
